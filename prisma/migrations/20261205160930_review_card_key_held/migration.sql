-- AlterTable
ALTER TABLE "ReviewCard" ADD COLUMN "keyHeld" BOOLEAN NOT NULL DEFAULT false;

-- Missed-question cards made before a class of the learner began withholding that question's key:
-- buried until the key is released (the due date; "never" = until the class stops withholding it).
UPDATE "ReviewCard" SET "keyHeld" = true, "buriedUntil" = (
  SELECT MAX(CASE WHEN a."revealPolicy" = 'never' THEN '9999-12-31T00:00:00.000+00:00' ELSE a."dueAt" END)
  FROM "Assignment" a JOIN "ClassMembership" m ON m."classId" = a."classId"
  WHERE m."userId" = "ReviewCard"."userId"
    AND (a."revealPolicy" = 'never' OR (a."revealPolicy" = 'after_due' AND a."dueAt" > strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')))
    AND (EXISTS (SELECT 1 FROM json_each(a."config", '$.questionIds') j WHERE j.value = "ReviewCard"."questionId")
      OR EXISTS (SELECT 1 FROM json_each(a."config", '$.pretestIds') j WHERE j.value = "ReviewCard"."questionId"))
)
WHERE "source" = 'missed' AND EXISTS (
  SELECT 1 FROM "Assignment" a JOIN "ClassMembership" m ON m."classId" = a."classId"
  WHERE m."userId" = "ReviewCard"."userId"
    AND (a."revealPolicy" = 'never' OR (a."revealPolicy" = 'after_due' AND a."dueAt" > strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')))
    AND (EXISTS (SELECT 1 FROM json_each(a."config", '$.questionIds') j WHERE j.value = "ReviewCard"."questionId")
      OR EXISTS (SELECT 1 FROM json_each(a."config", '$.pretestIds') j WHERE j.value = "ReviewCard"."questionId"))
);
