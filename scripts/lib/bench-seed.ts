// The bench's data set: 1,000 learners, one heavy learner (20,000 cards, 200,000 review logs,
// 300 attempts), and for the scenarios sessions and open practice attempts. Import this module
// only once DATABASE_URL points at the migrated scratch database: the app's Prisma client reads it
// at import.
import { randomUUID } from "node:crypto";
import { db } from "../../app/utils/db.server.ts";
import { settleTables } from "../../app/models/table-upkeep.server.ts";
import { startSession } from "../../app/utils/auth.server.ts";
import { hashPassword } from "../../app/auth/password.server.ts";
import { startPractice } from "../../app/exam/attempts.server.ts";
import { getContentIndex } from "../../app/content/index.server.ts";
import { rollUpActivity } from "../../app/progress/rollup.server.ts";
import { syncContent } from "./content-sync.ts";
import { seedHeavyAttempts } from "./heavy-attempts.ts";
import { mapLimit } from "./bench-load.ts";

export const LEARNERS = 1000;
const HEAVY_CARDS = 20_000;
const HEAVY_LOGS = 200_000;
const DAY = 86_400_000;
const EMAIL_DOMAIN = "@bench.test";
/** Concurrent setup calls (sessions, attempts): enough to overlap, few enough for SQLite's one writer. */
const SETUP_CONCURRENCY = 8;

export interface Learner {
  cookie: string;
  attemptId: string;
}

export interface Fixture {
  /** Learners mid-way through a 40-question timed practice (exam page, answer saves). */
  active: Learner[];
  /** learner0..learner999, each with an open untimed 40-question practice (the classroom). */
  classroom: Learner[];
  heavyCookie: string;
  heavyCardIds: string[];
  contentCardIds: string[];
  lessonPath: string;
  seedSeconds: number | null;
}

/** Whether the database already holds the full seed (for --reuse). */
export async function isSeeded() {
  const heavy = await heavyLearner();
  if (!heavy) return false;
  const [learners, cards, logs] = await Promise.all([
    db.user.count({ where: { email: { endsWith: EMAIL_DOMAIN } } }),
    db.reviewCard.count({ where: { userId: heavy.id, id: { startsWith: "heavycard" } } }),
    db.reviewLog.count({ where: { userId: heavy.id, requestId: { startsWith: "seed-" } } }),
  ]);
  return learners === LEARNERS && cards === HEAVY_CARDS && logs === HEAVY_LOGS;
}

// Ordered by email as text: learner0, learner1, learner10, … learner999 (the heavy one) last.
const learnerIds = async () =>
  (
    await db.user.findMany({
      where: { email: { endsWith: EMAIL_DOMAIN } },
      select: { id: true },
      orderBy: { email: "asc" },
    })
  ).map((u) => u.id);
const heavyLearner = () => db.user.findUnique({ where: { email: `learner${LEARNERS - 1}${EMAIL_DOMAIN}` } });

export async function seed() {
  await syncContent();
  const passwordHash = await hashPassword(randomUUID());
  await db.user.createMany({
    data: Array.from({ length: LEARNERS }, (_, i) => ({
      email: `learner${i}${EMAIL_DOMAIN}`,
      name: `Learner ${i}`,
      passwordHash,
      timeZone: "America/New_York",
      onboardedAt: new Date(),
    })),
  });
  const ids = await learnerIds();
  await db.preferences.createMany({ data: ids.map((userId) => ({ userId })) });
  const heavy = (await heavyLearner())!;
  await seedHeavyCards(heavy.id);
  await seedHeavyLogs(heavy.id);
  // 300 submitted attempts over two years (30 full mocks), and the activity roll-up a learner who
  // has used the app would already have.
  await seedHeavyAttempts(heavy.id, 300);
  await rollUpActivity(heavy.id, "America/New_York");
}

const heavyCardId = (i: number) => `heavycard${String(i).padStart(16, "0")}`;

async function seedHeavyCards(userId: string) {
  const now = Date.now();
  const cards = Array.from({ length: HEAVY_CARDS }, (_, i) => ({
    id: heavyCardId(i),
    userId,
    source: "own",
    domainId: ["FND", "COM", "LAW", "SCH", "ENC", "BIL", "ADM"][i % 7],
    front: `Heavy card ${i} front`,
    back: `Heavy card ${i} back`,
    // Due dates a learner who keeps up would have: spread over the next four months, with a
    // day's worth overdue (about 170 due now, a few hundred by the end of today).
    due: new Date(now + (((i * 7919) % 121) - 1) * DAY + (i % 24) * 3600_000),
    stability: 5 + (i % 50),
    difficulty: 3 + (i % 6),
    scheduledDays: 1 + (i % 40),
    reps: 5 + (i % 20),
    lapses: i % 4,
    state: i % 10 === 0 ? 1 : 2,
    lastReview: new Date(now - ((i * 31) % (30 * DAY))),
  }));
  for (let i = 0; i < cards.length; i += 2000) await db.reviewCard.createMany({ data: cards.slice(i, i + 2000) });
}

async function seedHeavyLogs(userId: string) {
  const now = Date.now();
  // 4,000 rows x 14 columns stays under PostgreSQL's 65,535 bind parameters: above it Prisma
  // splits the insert and sends the parts concurrently on one connection (a pg deprecation).
  const BATCH = 4000;
  for (let i = 0; i < HEAVY_LOGS; i += BATCH) {
    await db.reviewLog.createMany({
      data: Array.from({ length: Math.min(BATCH, HEAVY_LOGS - i) }, (_, k) => {
        const n = i + k;
        const review = new Date(now - 2 * 365 * DAY + Math.floor((n / HEAVY_LOGS) * 2 * 365 * DAY));
        return {
          cardId: heavyCardId(n % HEAVY_CARDS),
          userId,
          requestId: `seed-${n}`,
          rating: 1 + (n % 4),
          state: n % 5 === 0 ? 1 : 2,
          due: new Date(review.getTime() + DAY),
          stability: 5,
          difficulty: 5,
          elapsedDays: 3,
          lastElapsedDays: 2,
          scheduledDays: 4,
          learningSteps: 0,
          review,
          previousCard: "{}",
        };
      }),
    });
  }
}

/**
 * An open 40-question practice for this learner: one left open by an earlier run (with at least
 * two hours on its clock when timed) is reused, else a new one is started (submitting the oldest
 * open one if the learner is at the open-attempt bound).
 */
async function practiceAttempt(userId: string, timed: boolean) {
  const now = new Date();
  const open = await db.examAttempt.findFirst({
    where: {
      userId,
      kind: "practice",
      status: "in_progress",
      deadline: timed ? { gt: new Date(now.getTime() + 2 * 3600_000) } : null,
      items: { some: {} },
    },
    select: { id: true },
  });
  if (open) return open.id;
  const form: Parameters<typeof startPractice>[1] = {
    domains: ["LAW", "COM", "ENC"],
    weakest: false,
    count: 40,
    timed,
    minutes: 135,
    mode: "exam",
    only: "all",
  };
  let started = await startPractice(userId, form);
  if (!started.ok && started.reason === "open")
    started = await startPractice(userId, form, new Date(), { replace: started.open.id });
  if (!started.ok) throw new Error(`learner ${userId}: ${started.message}`);
  return started.attemptId;
}

const cookieFor = async (userId: string) => (await startSession(userId)).split(";")[0];

/** Sessions and open attempts for the scenarios; seeds first unless `reuse` (and already seeded). */
export async function prepareFixture(options: { reuse: boolean; activeLearners: number }): Promise<Fixture> {
  let seedSeconds: number | null = null;
  if (!options.reuse) {
    const t0 = Date.now();
    await seed();
    seedSeconds = (Date.now() - t0) / 1000;
  }
  const ids = await learnerIds();
  const heavy = (await heavyLearner())!;
  const t1 = Date.now();
  const active = await mapLimit(ids.slice(0, options.activeLearners), SETUP_CONCURRENCY, async (id) => ({
    cookie: await cookieFor(id),
    attemptId: await practiceAttempt(id, true),
  }));
  const classroom = await mapLimit(ids, SETUP_CONCURRENCY, async (id, i) => ({
    // The active learners take their open timed practice into the classroom.
    cookie: i < active.length ? active[i].cookie : await cookieFor(id),
    attemptId: i < active.length ? active[i].attemptId : await practiceAttempt(id, false),
  }));
  console.log(`Sessions and open attempts for ${ids.length} learners in ${((Date.now() - t1) / 1000).toFixed(1)} s.`);
  const heavyCardIds = (
    await db.reviewCard.findMany({
      where: { userId: heavy.id, id: { startsWith: "heavycard" } },
      select: { id: true },
    })
  ).map((c) => c.id);
  const contentCardIds = (await db.contentCard.findMany({ where: { retiredAt: null }, select: { id: true } })).map(
    (c) => c.id,
  );
  const lesson = [...getContentIndex().lessons.values()][0];
  const fixture = {
    active,
    classroom,
    heavyCookie: await cookieFor(heavy.id),
    heavyCardIds,
    contentCardIds,
    lessonPath: `/learn/${lesson.domainSlug}/${lesson.slug}`,
    seedSeconds,
  };
  // As a database in service would be (autovacuum): without statistics PostgreSQL plans blind.
  const settled = await settleTables({ vacuum: true });
  if (settled.length) console.log(`VACUUM (ANALYZE) of ${settled.length} tables.`);
  await db.$disconnect();
  return fixture;
}
