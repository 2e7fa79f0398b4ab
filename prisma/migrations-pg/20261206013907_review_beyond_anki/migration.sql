-- AlterTable
ALTER TABLE "Preferences" ADD COLUMN     "catchUpCap" INTEGER,
ADD COLUMN     "catchUpSince" TIMESTAMP(3),
ADD COLUMN     "finalReview" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "learningSteps" TEXT NOT NULL DEFAULT '1m 10m',
ADD COLUMN     "lightWeekdays" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "loadBalance" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "memoryHelpSeen" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "relearningSteps" TEXT NOT NULL DEFAULT '10m';

