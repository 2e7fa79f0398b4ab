-- AlterTable
ALTER TABLE "User" ADD COLUMN "onboardedAt" DATETIME;

-- CreateTable
CREATE TABLE "PlanDay" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "tasks" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "day"),
    CONSTRAINT "PlanDay_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Preferences" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "desiredRetention" REAL NOT NULL DEFAULT 0.9,
    "newCardsPerDay" INTEGER NOT NULL DEFAULT 20,
    "reviewsPerDay" INTEGER NOT NULL DEFAULT 200,
    "fsrsWeights" TEXT,
    "examDate" DATETIME,
    "studyWeekdays" TEXT NOT NULL DEFAULT '1,2,3,4,5',
    "studyMinutes" INTEGER NOT NULL DEFAULT 45,
    "studyStartTime" TEXT NOT NULL DEFAULT '19:00',
    "learningSteps" TEXT NOT NULL DEFAULT '1m 10m',
    "relearningSteps" TEXT NOT NULL DEFAULT '10m',
    "loadBalance" BOOLEAN NOT NULL DEFAULT true,
    "lightWeekdays" TEXT NOT NULL DEFAULT '',
    "finalReview" BOOLEAN NOT NULL DEFAULT false,
    "catchUpCap" INTEGER,
    "catchUpSince" DATETIME,
    "memoryHelpSeen" BOOLEAN NOT NULL DEFAULT false,
    "longWeekdays" TEXT NOT NULL DEFAULT '',
    "daysOff" TEXT NOT NULL DEFAULT '',
    "weeklyGoalDays" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Preferences_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Preferences" ("catchUpCap", "catchUpSince", "desiredRetention", "examDate", "finalReview", "fsrsWeights", "learningSteps", "lightWeekdays", "loadBalance", "memoryHelpSeen", "newCardsPerDay", "relearningSteps", "reviewsPerDay", "studyMinutes", "studyStartTime", "studyWeekdays", "updatedAt", "userId") SELECT "catchUpCap", "catchUpSince", "desiredRetention", "examDate", "finalReview", "fsrsWeights", "learningSteps", "lightWeekdays", "loadBalance", "memoryHelpSeen", "newCardsPerDay", "relearningSteps", "reviewsPerDay", "studyMinutes", "studyStartTime", "studyWeekdays", "updatedAt", "userId" FROM "Preferences";
DROP TABLE "Preferences";
ALTER TABLE "new_Preferences" RENAME TO "Preferences";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Accounts that existed before onboarding are not on their first visit.
UPDATE "User" SET "onboardedAt" = "createdAt";
