-- AlterTable
ALTER TABLE "ReviewCard" ADD COLUMN     "keyHeld" BOOLEAN NOT NULL DEFAULT false;


-- Missed-question cards made before a class of the learner began withholding that question's key:
-- buried until the key is released (the due date; "never" = until the class stops withholding it).
UPDATE "ReviewCard" SET "keyHeld" = true, "buriedUntil" = held."until"
FROM (
  SELECT m."userId", q."questionId",
    MAX(CASE WHEN a."revealPolicy" = 'never' THEN TIMESTAMP '9999-12-31 00:00:00' ELSE a."dueAt" END) AS "until"
  FROM "Assignment" a
  JOIN "ClassMembership" m ON m."classId" = a."classId"
  CROSS JOIN LATERAL (
    SELECT jsonb_array_elements_text(COALESCE(a."config"::jsonb -> 'questionIds', '[]'::jsonb)
      || COALESCE(a."config"::jsonb -> 'pretestIds', '[]'::jsonb)) AS "questionId"
  ) q
  WHERE a."revealPolicy" = 'never' OR (a."revealPolicy" = 'after_due' AND a."dueAt" > (now() AT TIME ZONE 'UTC'))
  GROUP BY m."userId", q."questionId"
) held
WHERE "ReviewCard"."source" = 'missed' AND "ReviewCard"."userId" = held."userId" AND "ReviewCard"."questionId" = held."questionId";
