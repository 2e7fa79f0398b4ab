-- AlterTable
ALTER TABLE "User" ADD COLUMN     "studyMinutes" INTEGER NOT NULL DEFAULT 45,
ADD COLUMN     "studyStartTime" TEXT NOT NULL DEFAULT '19:00',
ADD COLUMN     "studyWeekdays" TEXT NOT NULL DEFAULT '1,2,3,4,5';

-- CreateTable
CREATE TABLE "ActivityDay" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "seconds" INTEGER NOT NULL DEFAULT 0,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "answers" INTEGER NOT NULL DEFAULT 0,
    "lessons" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ActivityDay_pkey" PRIMARY KEY ("userId","day")
);

-- CreateTable
CREATE TABLE "ActivityRollup" (
    "userId" TEXT NOT NULL,
    "through" TIMESTAMP(3) NOT NULL,
    "lastEventAt" TIMESTAMP(3),

    CONSTRAINT "ActivityRollup_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "ActivityDay" ADD CONSTRAINT "ActivityDay_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityRollup" ADD CONSTRAINT "ActivityRollup_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

