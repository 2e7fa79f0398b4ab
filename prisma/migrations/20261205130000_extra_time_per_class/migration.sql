-- Extra time belongs to a class membership, set by that class's instructor. It used to be written
-- to the user (so one class's setting reached every class and the learner's own practice): keep
-- what each student had in the classes they are in, then clear the user-wide value.
UPDATE "ClassMembership" SET "accommodationFactor" = (
  SELECT "User"."accommodationFactor" FROM "User" WHERE "User"."id" = "ClassMembership"."userId"
) WHERE "accommodationFactor" IS NULL;

UPDATE "User" SET "accommodationFactor" = 1;
