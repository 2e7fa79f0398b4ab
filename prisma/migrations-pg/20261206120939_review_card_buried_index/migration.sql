-- CreateIndex
CREATE INDEX "ReviewCard_userId_buriedUntil_idx" ON "ReviewCard"("userId", "buriedUntil");

