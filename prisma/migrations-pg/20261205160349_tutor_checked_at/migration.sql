-- AlterTable
ALTER TABLE "AttemptItem" ADD COLUMN     "checkedAt" TIMESTAMP(3);


-- Tutor-mode answers given before select-then-check showed their key as soon as they were chosen:
-- they stay locked (checked at the time they were answered).
UPDATE "AttemptItem" SET "checkedAt" = "answeredAt"
WHERE "selectedIndex" IS NOT NULL
  AND "attemptId" IN (SELECT "id" FROM "ExamAttempt" WHERE "mode" = 'tutor');
