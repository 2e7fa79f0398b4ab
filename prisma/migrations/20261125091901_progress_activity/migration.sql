-- CreateTable
CREATE TABLE "ActivityDay" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "seconds" INTEGER NOT NULL DEFAULT 0,
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "answers" INTEGER NOT NULL DEFAULT 0,
    "lessons" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("userId", "day"),
    CONSTRAINT "ActivityDay_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActivityRollup" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "through" DATETIME NOT NULL,
    "lastEventAt" DATETIME,
    CONSTRAINT "ActivityRollup_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'student',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "accommodationFactor" REAL NOT NULL DEFAULT 1.0,
    "desiredRetention" REAL NOT NULL DEFAULT 0.9,
    "newCardsPerDay" INTEGER NOT NULL DEFAULT 20,
    "reviewsPerDay" INTEGER NOT NULL DEFAULT 200,
    "fsrsWeights" TEXT,
    "examDate" DATETIME,
    "studyWeekdays" TEXT NOT NULL DEFAULT '1,2,3,4,5',
    "studyMinutes" INTEGER NOT NULL DEFAULT 45,
    "studyStartTime" TEXT NOT NULL DEFAULT '19:00',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("accommodationFactor", "createdAt", "desiredRetention", "email", "examDate", "fsrsWeights", "id", "name", "newCardsPerDay", "passwordHash", "reviewsPerDay", "role", "timeZone", "updatedAt") SELECT "accommodationFactor", "createdAt", "desiredRetention", "email", "examDate", "fsrsWeights", "id", "name", "newCardsPerDay", "passwordHash", "reviewsPerDay", "role", "timeZone", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

