-- CreateIndex
CREATE INDEX "ReviewCard_userId_suspended_state_domainId_knowledgeArea_st_idx" ON "ReviewCard"("userId", "suspended", "state", "domainId", "knowledgeArea", "stability", "lastReview");

