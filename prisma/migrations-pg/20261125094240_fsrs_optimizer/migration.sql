-- AlterTable
ALTER TABLE "User" ADD COLUMN     "fsrsOptimizingSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "FsrsOptimization" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reviewCount" INTEGER NOT NULL,
    "trainingItems" INTEGER NOT NULL,
    "logLossBefore" DOUBLE PRECISION NOT NULL,
    "rmseBefore" DOUBLE PRECISION NOT NULL,
    "logLossAfter" DOUBLE PRECISION NOT NULL,
    "rmseAfter" DOUBLE PRECISION NOT NULL,
    "parameters" TEXT NOT NULL,
    "adopted" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FsrsOptimization_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FsrsOptimization_userId_createdAt_idx" ON "FsrsOptimization"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "FsrsOptimization" ADD CONSTRAINT "FsrsOptimization_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

