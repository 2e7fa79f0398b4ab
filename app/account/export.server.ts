// "Download my data": a zip of JSON files, one per kind of record (format: export-format.ts and
// docs/data-export.md). It is streamed: each table is read in pages and each page is compressed
// and handed on before the next is read, so memory stays flat however long the history (a
// learner with 200,000 review logs). Only the signed-in account's rows: there is no id to pass.
import { strToU8, Zip, ZipDeflate, type FlateError } from "fflate";
import { Rating, State } from "ts-fsrs";
import { waitMessage } from "~/auth/rate-limit.ts";
import { reserve } from "~/auth/throttle.server.ts";
import { OPTION_LETTERS } from "~/content/exam-ids.ts";
import { getContentIndex } from "~/content/index.server.ts";
import { withheldQuestionIds } from "~/exam/key-holds.server.ts";
import { answersVisible, keyReleaseDue } from "~/exam/key-release.ts";
import * as store from "~/models/data-export.server.ts";
import { decodeOptions, decodeReference, decodeWeights } from "~/models/json-columns.ts";
import { listSessions } from "~/models/session-record.server.ts";
import { safeZone } from "~/utils/dates.ts";
import { notFound, type NotFound } from "~/utils/results.ts";
import {
  EXPORT_FILES,
  EXPORT_FORMAT_NAME,
  EXPORT_FORMAT_VERSION,
  exportReadme,
  type ExportFileName,
} from "./export-format.ts";

export type ExportResult =
  | { ok: true; filename: string; chunks: AsyncIterable<Uint8Array> }
  | { ok: false; reason: "rate-limited"; minutes: number; message: string }
  | NotFound;

/** Page sizes (tests make them tiny to cross page boundaries). */
export interface ExportPaging {
  pageSize?: number;
  attemptPageSize?: number;
}

/** Starts an export for the account (counted against its hourly allowance); the zip is produced
 * as `chunks` is read. */
export async function startExport(
  user: { id: string; timeZone: string },
  now = new Date(),
  paging: ExportPaging = {},
): Promise<ExportResult> {
  const reservation = await reserve([{ throttle: "exportPerUser", subject: user.id }], now);
  if (!reservation.ok)
    return {
      ok: false,
      reason: "rate-limited",
      minutes: reservation.minutes,
      message: waitMessage("downloads of your data", reservation.minutes),
    };
  const profile = await store.accountProfile(user.id);
  if (!profile) return notFound("We could not find your account.");
  const withheld = await withheldQuestionIds(user.id, now);
  const sources = fileSources(user.id, { profile, withheld, now, paging });
  return {
    ok: true,
    filename: `charted-data-${localDate(now, user.timeZone)}.zip`,
    chunks: zipFiles(
      [
        { name: "README.txt", pieces: () => single(exportReadme(now)) },
        ...EXPORT_FILES.map((f) => ({ name: f.name, pieces: sources[f.name] })),
      ],
      now,
    ),
  };
}

/** YYYY-MM-DD in the account's time zone (the day the learner would call it). */
function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: safeZone(timeZone),
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

type Profile = NonNullable<Awaited<ReturnType<typeof store.accountProfile>>>;
type Pieces = () => AsyncIterable<string>;
/** A row of what a paged reader yields. */
type PageRow<F extends (...args: never[]) => AsyncIterable<unknown[]>> =
  ReturnType<F> extends AsyncIterable<(infer R)[]> ? R : never;

/** What goes into each file of the format (a file without a source does not compile). */
function fileSources(
  userId: string,
  ctx: { profile: Profile; withheld: Set<string>; now: Date; paging: ExportPaging },
): Record<ExportFileName, Pieces> {
  const { profile, withheld, now, paging } = ctx;
  const size = paging.pageSize;
  return {
    "profile.json": () => single(json(profileDocument(profile, now))),
    "attempts.json": () =>
      jsonList(mapPages(store.attemptPages(userId, paging.attemptPageSize), (a) => attemptRow(a, withheld, now))),
    "review-cards.json": () => jsonList(mapPages(store.reviewCardPages(userId, size), cardRow)),
    "review-logs.json": () => jsonList(mapPages(store.reviewLogPages(userId, size), logRow)),
    "fsrs-optimizations.json": () =>
      jsonList(onePage(store.fsrsOptimizationRows(userId), (o) => ({ ...o, parameters: decodeWeights(o.parameters) }))),
    "lesson-completions.json": () => {
      const lessons = getContentIndex().lessons;
      return jsonList(
        onePage(store.lessonCompletionRows(userId), (c) => ({
          lessonSlug: c.lessonSlug,
          lessonTitle: lessons.get(c.lessonSlug)?.title ?? null,
          completedAt: c.completedAt,
        })),
      );
    },
    "activity.json": () => jsonList(onePage(store.activityDayRows(userId), (d) => d)),
    "plan-days.json": () =>
      jsonList(
        onePage(store.planDayRows(userId), (d) => ({ day: d.day, tasks: storedTasks(d.tasks), shownAt: d.createdAt })),
      ),
    "classes.json": async function* () {
      const { memberships, removals, taught } = await store.classRows(userId);
      yield json({
        memberships: memberships.map((m) => ({
          className: m.class.name,
          joinedAt: m.joinedAt,
          extraTimeFactor: m.accommodationFactor,
          classClosedAt: m.class.archivedAt,
        })),
        removals: removals.map((r) => ({ className: r.class.name, removedAt: r.removedAt })),
        taught: taught.map((t) => ({
          className: t.name,
          createdAt: t.createdAt,
          closedAt: t.archivedAt,
          students: t._count.memberships,
        })),
      });
    },
    "assignment-overrides.json": () =>
      jsonList(
        onePage(store.assignmentOverrideRows(userId), (o) => ({
          assignmentTitle: o.assignment.title,
          className: o.assignment.class.name,
          dueAt: o.dueAt,
          timeLimitMinutes: o.timeLimitMinutes,
          untimed: o.untimed,
          attemptsAllowed: o.attemptsAllowed,
          createdAt: o.createdAt,
          updatedAt: o.updatedAt,
        })),
      ),
    "content-reports.json": () => jsonList(store.contentReportPages(userId, size)),
    "instructor-requests.json": () => jsonList(onePage(store.instructorRequestRows(userId), (r) => r)),
    "authored-questions.json": () => jsonList(mapPages(store.authoredQuestionPages(userId), authoredRow)),
    "sessions.json": () =>
      jsonList(
        onePage(listSessions(userId, now), (s) => ({
          userAgent: s.userAgent,
          ip: s.ip,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
        })),
      ),
  };
}

function profileDocument(profile: Profile, now: Date) {
  const { preferences: p, ...account } = profile;
  return {
    format: EXPORT_FORMAT_NAME,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: now,
    account: {
      id: account.id,
      name: account.name,
      email: account.email,
      role: account.role,
      timeZone: account.timeZone,
      accommodationFactor: account.accommodationFactor,
      emailVerifiedAt: account.emailVerifiedAt,
      onboardedAt: account.onboardedAt,
      createdAt: account.createdAt,
      updatedAt: account.updatedAt,
    },
    preferences: p
      ? {
          desiredRetention: p.desiredRetention,
          newCardsPerDay: p.newCardsPerDay,
          reviewsPerDay: p.reviewsPerDay,
          fsrsWeights: decodeWeights(p.fsrsWeights),
          examDate: p.examDate,
          studyWeekdays: p.studyWeekdays.split(",").filter(Boolean).map(Number),
          studyMinutes: p.studyMinutes,
          studyStartTime: p.studyStartTime,
          learningSteps: p.learningSteps,
          relearningSteps: p.relearningSteps,
          loadBalance: p.loadBalance,
          lightWeekdays: p.lightWeekdays.split(",").filter(Boolean).map(Number),
          finalReview: p.finalReview,
          catchUpCap: p.catchUpCap,
          catchUpSince: p.catchUpSince,
          longWeekdays: p.longWeekdays.split(",").filter(Boolean).map(Number),
          daysOff: p.daysOff.split(",").filter(Boolean),
          weeklyGoalDays: p.weeklyGoalDays,
          updatedAt: p.updatedAt,
        }
      : null,
  };
}

/**
 * An attempt with the learner's answers. Whether each was right is left out wherever the results
 * page would not show it: an assignment whose answers are not released, or a question another
 * class assignment still withholds (the export must not become a way around the reveal policy).
 */
function attemptRow(a: PageRow<typeof store.attemptPages>, withheld: Set<string>, now: Date) {
  const keyWithheld = a.assignment
    ? !answersVisible(
        { revealPolicy: a.assignment.revealPolicy, dueAt: keyReleaseDue(a.assignment.dueAt, a.assignment.overrides) },
        a.status === "submitted",
        now,
      )
    : false;
  return {
    id: a.id,
    kind: a.kind,
    mode: a.mode,
    status: a.status,
    startedAt: a.startedAt,
    deadline: a.deadline,
    submittedAt: a.submittedAt,
    scoredCorrect: a.scoredCorrect,
    scoredTotal: a.scoredTotal,
    scaledScore: a.scaledScore,
    answeredCount: a.answeredCount,
    settings: parseOrNull(a.config),
    assignment: a.assignment ? { title: a.assignment.title, className: a.assignment.class.name } : null,
    keyWithheld,
    items: a.items.map((i) => ({
      number: i.position + 1,
      questionId: i.questionVersion.questionId,
      questionVersion: i.questionVersion.version,
      scored: i.scored,
      selectedOption: i.selectedIndex === null ? null : (OPTION_LETTERS[i.selectedIndex] ?? null),
      flagged: i.flagged,
      answeredAt: i.answeredAt,
      checkedAt: i.checkedAt,
      correct: keyWithheld || withheld.has(i.questionVersion.questionId) ? null : i.isCorrect,
    })),
  };
}

function cardRow(c: PageRow<typeof store.reviewCardPages>) {
  return {
    id: c.id,
    source: c.source,
    contentCardId: c.contentCardId,
    questionId: c.questionId,
    domainId: c.domainId,
    knowledgeArea: c.knowledgeArea,
    front: c.front,
    // A held card's back is the answer a class still withholds (the deck does not show it either).
    back: c.keyHeld ? null : c.back,
    keyHeld: c.keyHeld,
    suspended: c.suspended,
    buriedUntil: c.buriedUntil,
    createdAt: c.createdAt,
    state: c.state,
    stateName: State[c.state] ?? null,
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsedDays,
    scheduledDays: c.scheduledDays,
    learningSteps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    lastReview: c.lastReview,
  };
}

function logRow(l: PageRow<typeof store.reviewLogPages>) {
  return {
    id: l.id,
    cardId: l.cardId,
    review: l.review,
    rating: l.rating,
    ratingName: Rating[l.rating] ?? null,
    state: l.state,
    stateName: State[l.state] ?? null,
    due: l.due,
    stability: l.stability,
    difficulty: l.difficulty,
    elapsedDays: l.elapsedDays,
    lastElapsedDays: l.lastElapsedDays,
    scheduledDays: l.scheduledDays,
    learningSteps: l.learningSteps,
  };
}

function authoredRow(q: PageRow<typeof store.authoredQuestionPages>) {
  return {
    id: q.id,
    domainId: q.domainId,
    knowledgeArea: q.knowledgeArea,
    currentVersion: q.currentVersion,
    retiredAt: q.retiredAt,
    createdAt: q.createdAt,
    versions: q.versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      difficulty: v.difficulty,
      cognitive: v.cognitive,
      stem: v.stem,
      options: decodeOptions(v.options).map((o, i) => ({
        letter: OPTION_LETTERS[i],
        text: o.text,
        rationale: o.rationale,
      })),
      answer: OPTION_LETTERS[v.answerIndex] ?? null,
      reference: decodeReference(v.reference),
    })),
  };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// ---- JSON text, produced piece by piece ----

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function* single(text: string) {
  yield text;
}

async function* mapPages<T, R>(pages: AsyncIterable<T[]>, map: (row: T) => R) {
  for await (const page of pages) yield page.map(map);
}

/** A small table read at once, as one page. */
async function* onePage<T, R>(rows: Promise<T[]>, map: (row: T) => R) {
  yield (await rows).map(map);
}

/** A JSON list, one entry per line, written a page at a time. */
async function* jsonList(pages: AsyncIterable<unknown[]>) {
  let first = true;
  for await (const page of pages) {
    if (!page.length) continue;
    yield (first ? "[\n" : ",\n") + page.map((row) => JSON.stringify(row)).join(",\n");
    first = false;
  }
  yield first ? "[]\n" : "\n]\n";
}

// ---- the zip, streamed ----

/** Deflates each file's pieces into one zip, yielding the archive's bytes as they are made
 * (fflate's streaming Zip: sizes go in data descriptors, so nothing waits for a whole file). */
async function* zipFiles(files: { name: string; pieces: Pieces }[], mtime: Date) {
  const ready: Uint8Array[] = [];
  let failure: FlateError | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  const drain = () => {
    if (failure) throw failure;
    return ready.splice(0);
  };
  for (const file of files) {
    const entry = new ZipDeflate(file.name, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    for await (const piece of file.pieces()) {
      entry.push(strToU8(piece));
      yield* drain();
    }
    entry.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}

/** A stored plan day's tasks as data (as stored, should the text not read as JSON). */
function storedTasks(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}
