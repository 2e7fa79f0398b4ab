-- AlterTable
ALTER TABLE "User" ADD COLUMN "fsrsOptimizingSince" DATETIME;

-- CreateTable
CREATE TABLE "FsrsOptimization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "reviewCount" INTEGER NOT NULL,
    "trainingItems" INTEGER NOT NULL,
    "logLossBefore" REAL NOT NULL,
    "rmseBefore" REAL NOT NULL,
    "logLossAfter" REAL NOT NULL,
    "rmseAfter" REAL NOT NULL,
    "parameters" TEXT NOT NULL,
    "adopted" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FsrsOptimization_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FsrsOptimization_userId_createdAt_idx" ON "FsrsOptimization"("userId", "createdAt");

