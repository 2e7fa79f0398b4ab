-- AlterTable
ALTER TABLE "User" ADD COLUMN     "onboardedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Preferences" ADD COLUMN     "daysOff" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "longWeekdays" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "weeklyGoalDays" INTEGER;

-- CreateTable
CREATE TABLE "PlanDay" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "tasks" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanDay_pkey" PRIMARY KEY ("userId","day")
);

-- AddForeignKey
ALTER TABLE "PlanDay" ADD CONSTRAINT "PlanDay_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Accounts that existed before onboarding are not on their first visit.
UPDATE "User" SET "onboardedAt" = "createdAt";
