-- Answers of an "after the due date" assignment are released at its due date: an attempt still
-- open then must end then (app/assignments/rules.ts attemptDeadline). Cap the open ones.
UPDATE "ExamAttempt" SET "deadline" = (
  SELECT "Assignment"."dueAt" FROM "Assignment" WHERE "Assignment"."id" = "ExamAttempt"."assignmentId"
)
WHERE "status" = 'in_progress'
  AND "assignmentId" IN (SELECT "id" FROM "Assignment" WHERE "revealPolicy" = 'after_due')
  AND ("deadline" IS NULL OR "deadline" > (SELECT "Assignment"."dueAt" FROM "Assignment" WHERE "Assignment"."id" = "ExamAttempt"."assignmentId"));
