-- AlterTable
ALTER TABLE "ExamAttempt" ADD COLUMN "answeredCount" INTEGER;


-- Unanswered items are not wrong answers: they carry no grade (they still earn no points).
UPDATE "AttemptItem" SET "isCorrect" = NULL WHERE "selectedIndex" IS NULL;

-- Backfill the answered count of every graded attempt.
UPDATE "ExamAttempt" SET "answeredCount" = (
  SELECT COUNT(*) FROM "AttemptItem" WHERE "AttemptItem"."attemptId" = "ExamAttempt"."id" AND "AttemptItem"."selectedIndex" IS NOT NULL
) WHERE "status" = 'submitted';
