-- CreateTable
CREATE TABLE "Preferences" (
    "userId" TEXT NOT NULL,
    "desiredRetention" DOUBLE PRECISION NOT NULL DEFAULT 0.9,
    "newCardsPerDay" INTEGER NOT NULL DEFAULT 20,
    "reviewsPerDay" INTEGER NOT NULL DEFAULT 200,
    "fsrsWeights" TEXT,
    "examDate" TIMESTAMP(3),
    "studyWeekdays" TEXT NOT NULL DEFAULT '1,2,3,4,5',
    "studyMinutes" INTEGER NOT NULL DEFAULT 45,
    "studyStartTime" TEXT NOT NULL DEFAULT '19:00',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Preferences_pkey" PRIMARY KEY ("userId")
);

-- Copy every learner's preferences out of the account row before its columns go.
INSERT INTO "Preferences" ("userId", "desiredRetention", "newCardsPerDay", "reviewsPerDay", "fsrsWeights", "examDate", "studyWeekdays", "studyMinutes", "studyStartTime", "updatedAt")
SELECT "id", "desiredRetention", "newCardsPerDay", "reviewsPerDay", "fsrsWeights", "examDate", "studyWeekdays", "studyMinutes", "studyStartTime", "updatedAt" FROM "User";

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "activeKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "claimedBy" TEXT,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "result" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_activeKey_key" ON "Job"("activeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAfter_idx" ON "Job"("status", "runAfter");

-- CreateIndex
CREATE INDEX "Job_userId_kind_createdAt_idx" ON "Job"("userId", "kind", "createdAt");

-- AlterTable
ALTER TABLE "User" DROP COLUMN "desiredRetention",
DROP COLUMN "examDate",
DROP COLUMN "fsrsOptimizingSince",
DROP COLUMN "fsrsWeights",
DROP COLUMN "newCardsPerDay",
DROP COLUMN "reviewsPerDay",
DROP COLUMN "studyMinutes",
DROP COLUMN "studyStartTime",
DROP COLUMN "studyWeekdays";

-- AddForeignKey
ALTER TABLE "Preferences" ADD CONSTRAINT "Preferences_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

