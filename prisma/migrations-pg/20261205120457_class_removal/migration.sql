-- CreateTable
CREATE TABLE "ClassRemoval" (
    "classId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClassRemoval_pkey" PRIMARY KEY ("classId","userId")
);

-- CreateIndex
CREATE INDEX "ClassRemoval_userId_idx" ON "ClassRemoval"("userId");

-- AddForeignKey
ALTER TABLE "ClassRemoval" ADD CONSTRAINT "ClassRemoval_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassRemoval" ADD CONSTRAINT "ClassRemoval_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

