-- DropIndex
DROP INDEX "ReviewCard_userId_state_idx";

-- DropIndex
DROP INDEX "ReviewCard_userId_suspended_due_idx";

-- DropIndex
DROP INDEX "ReviewLog_userId_review_idx";

-- CreateIndex
CREATE INDEX "ReviewCard_userId_suspended_due_state_buriedUntil_idx" ON "ReviewCard"("userId", "suspended", "due", "state", "buriedUntil");

-- CreateIndex
CREATE INDEX "ReviewCard_userId_state_suspended_buriedUntil_idx" ON "ReviewCard"("userId", "state", "suspended", "buriedUntil");

-- CreateIndex
CREATE INDEX "ReviewLog_userId_review_state_idx" ON "ReviewLog"("userId", "review", "state");

