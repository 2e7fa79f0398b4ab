// Benchmark data: `count` submitted attempts spread over two years for one learner, written
// in bulk (the exam engine would take minutes for this many). Items reference real question
// versions, so the dashboard reads them exactly as it reads real attempts.
import { db } from "../../app/utils/db.server.ts";

export async function seedHeavyAttempts(userId: string, count: number, now = Date.now()) {
  const versions = await db.questionVersion.findMany({
    select: { id: true, answerIndex: true },
    orderBy: { id: "asc" },
  });
  const DAY = 86_400_000;
  for (let a = 0; a < count; a++) {
    const simulation = a % 10 === 0;
    const n = simulation ? 135 : 20;
    const started = new Date(now - 2 * 365 * DAY + Math.floor((a / count) * 2 * 365 * DAY));
    const correct = Math.round(n * (0.55 + 0.3 * (a / count)));
    const attempt = await db.examAttempt.create({
      data: {
        userId,
        kind: simulation ? "simulation" : "practice",
        mode: a % 3 === 0 ? "tutor" : "exam",
        config: "{}",
        startedAt: started,
        submittedAt: new Date(started.getTime() + n * 50_000),
        status: "submitted",
        scoredCorrect: simulation ? Math.round((correct * 110) / 135) : correct,
        scoredTotal: simulation ? 110 : n,
        scaledScore: simulation ? 200 + Math.round((correct / n) * 300) : null,
      },
      select: { id: true },
    });
    await db.attemptItem.createMany({
      data: Array.from({ length: n }, (_, i) => {
        const v = versions[(a * 37 + i * 11) % versions.length];
        const right = i < correct;
        return {
          attemptId: attempt.id,
          position: i,
          questionVersionId: v.id,
          scored: !simulation || i < 110,
          selectedIndex: right ? v.answerIndex : (v.answerIndex + 1) % 4,
          isCorrect: right,
          answeredAt: new Date(started.getTime() + (i + 1) * 50_000),
        };
      }),
    });
  }
}
