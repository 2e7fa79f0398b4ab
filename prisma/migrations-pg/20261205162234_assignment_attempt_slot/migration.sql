-- AlterTable
ALTER TABLE "ExamAttempt" ADD COLUMN     "assignmentSlot" INTEGER;

-- Number existing assignment attempts per learner in start order (ties by id).
UPDATE "ExamAttempt" SET "assignmentSlot" = (
  SELECT COUNT(*) FROM "ExamAttempt" AS "e"
  WHERE "e"."assignmentId" = "ExamAttempt"."assignmentId" AND "e"."userId" = "ExamAttempt"."userId"
    AND ("e"."startedAt" < "ExamAttempt"."startedAt" OR ("e"."startedAt" = "ExamAttempt"."startedAt" AND "e"."id" <= "ExamAttempt"."id"))
) WHERE "assignmentId" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "ExamAttempt_assignmentId_userId_assignmentSlot_key" ON "ExamAttempt"("assignmentId", "userId", "assignmentSlot");

