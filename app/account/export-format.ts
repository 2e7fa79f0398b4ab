// The format of "Download my data", defined once: the zip's README.txt is written from it, the
// "Your data" page lists its files from it, and the tests check that every exported field is
// described here and in docs/data-export.md. Field paths: `a.b` is field b of object a, `a[].b`
// is field b of each element of list a.
export const EXPORT_FORMAT_NAME = "charted-data-export";
/** Goes up when a field is removed or changes meaning (new fields may appear without it). */
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportFileFormat {
  name: string;
  about: string;
  /** A file holds one JSON object, or a JSON list with one object per line. */
  shape: "object" | "list";
  fields: Record<string, string>;
}

const FSRS_CARD_FIELDS = {
  state: "Memory state number from the FSRS scheduler: 0 New, 1 Learning, 2 Review, 3 Relearning.",
  stateName: "The same state in words.",
  due: "When the card is next due.",
  stability: "FSRS stability: days until recall drops to 90%.",
  difficulty: "FSRS difficulty, 1 (easy) to 10 (hard).",
  elapsedDays: "Days between the two most recent reviews.",
  scheduledDays: "Days from the last review to the due date.",
  learningSteps: "Learning steps taken in the current (re)learning phase.",
  reps: "Times the card has been reviewed.",
  lapses: "Times the card was forgotten (rated Again in review).",
  lastReview: "When the card was last reviewed (null if never).",
};

export const EXPORT_FILES = [
  {
    name: "profile.json",
    about: "Your account and your study preferences.",
    shape: "object",
    fields: {
      format: `Always "${EXPORT_FORMAT_NAME}".`,
      formatVersion: "The version of this format: it goes up when a field is removed or changes meaning.",
      exportedAt: "When this download was made.",
      "account.id": "Your account's id (other files do not repeat it).",
      "account.name": "Your name.",
      "account.email": "Your email address.",
      "account.role": '"student", "instructor" or "admin".',
      "account.timeZone": "Your time zone (IANA name, for example America/New_York).",
      "account.accommodationFactor": "Extra time on timed exams: 1 is none, 1.5 is time and a half.",
      "account.emailVerifiedAt": "When you confirmed your address by following an emailed link (null if never).",
      "account.onboardedAt": "When you finished (or skipped) the first-visit setup, or null if not yet.",
      "account.createdAt": "When the account was created.",
      "account.updatedAt": "When the account row last changed.",
      preferences: "Null if you never had preferences saved (the defaults apply).",
      "preferences.desiredRetention": "Target recall for review scheduling (0.9 = 90%).",
      "preferences.newCardsPerDay": "New review cards introduced per day at most.",
      "preferences.reviewsPerDay": "Reviews per day at most.",
      "preferences.fsrsWeights": "Your trained FSRS parameters (a list of numbers), or null for the defaults.",
      "preferences.examDate": "Your exam date, if you set one.",
      "preferences.studyWeekdays": "Days you plan to study: ISO weekday numbers, 1 Monday to 7 Sunday.",
      "preferences.studyMinutes": "Minutes per planned study session.",
      "preferences.studyStartTime": "Local time your study sessions start (HH:MM).",
      "preferences.learningSteps": 'Waits between the first reviews of a new card, such as "1m 10m".',
      "preferences.relearningSteps":
        'Waits between reviews of a forgotten card before it returns to long intervals, such as "10m".',
      "preferences.loadBalance": "Whether reviews are spread to the least busy day each card's schedule allows.",
      "preferences.lightWeekdays": "Weekdays that get fewer reviews: ISO weekday numbers, 1 Monday to 7 Sunday.",
      "preferences.finalReview":
        "Whether final review mode (the exam's last week) orders cards by exam weight and lowest recall.",
      "preferences.catchUpCap": "Reviews per day while a catch-up plan runs, or null when none runs.",
      "preferences.catchUpSince": "When the current catch-up plan started, or null.",
      "preferences.longWeekdays":
        "Days with time for a full mock exam (2 h 15 min): ISO weekday numbers, 1 Monday to 7 Sunday.",
      "preferences.daysOff": "Days off your study plan, as YYYY-MM-DD dates.",
      "preferences.weeklyGoalDays": "How many days a week you aim to study, or null for one per study weekday.",
      "preferences.updatedAt": "When your preferences last changed.",
    },
  },
  {
    name: "attempts.json",
    about: "Every practice quiz, mock exam and class assignment you started, with your answers.",
    shape: "list",
    fields: {
      id: "The attempt's id.",
      kind: '"practice", "simulation" (a full mock exam) or "assignment".',
      mode: '"exam" (answers shown after submitting) or "tutor" (checked one by one).',
      status: '"in_progress" or "submitted".',
      startedAt: "When you started.",
      deadline: "When time ran out for a timed attempt (null if untimed).",
      submittedAt: "When it was submitted (null while in progress).",
      scoredCorrect: "Scored questions answered correctly (null until submitted).",
      scoredTotal: "Scored questions in the attempt (unscored pretest items are left out).",
      scaledScore: "Estimated scaled score of a mock exam (null for other kinds).",
      answeredCount: "Questions you answered (null until submitted).",
      settings: "The options the attempt was built from, as stored (question count, time limit, domains).",
      assignment: "The class assignment this attempt was for (null for your own practice).",
      "assignment.title": "The assignment's title.",
      "assignment.className": "The class it belongs to.",
      keyWithheld:
        "True when your instructor has not released this assignment's answers yet: items[].correct is then null.",
      "items[].number": "Question number in the attempt (1 is the first).",
      "items[].questionId": "The question's id in Charted's bank.",
      "items[].questionVersion": "Which version of the question's text you were shown.",
      "items[].scored": "False for an unscored pretest item.",
      "items[].selectedOption": 'Your answer, "A" to "D", or null if unanswered.',
      "items[].flagged": "Whether you flagged it for review.",
      "items[].answeredAt":
        "When your answer was last saved (null if unanswered). Charted does not time single questions; startedAt and submittedAt time the attempt.",
      "items[].checkedAt": "Tutor mode: when you checked this answer (null otherwise).",
      "items[].correct": "Whether your answer was right (null if unanswered, not graded yet, or withheld).",
    },
  },
  {
    name: "review-cards.json",
    about: "Your review (flashcard) deck: each card's source, any text you wrote, and its schedule.",
    shape: "list",
    fields: {
      id: "The card's id (review-logs.json refers to it).",
      source: '"content" (a Charted card), "missed" (a question you got wrong) or "own" (a card you wrote).',
      contentCardId: "The Charted card it follows (content cards only).",
      questionId: "The question it was made from (missed-question cards only).",
      domainId: "Exam domain id (FND, COM, LAW, SCH, ENC, BIL or ADM).",
      knowledgeArea: "Knowledge area id (for example LAW.K01), if known.",
      front:
        "The card's front as stored: your text for your own cards, the question for missed ones (null for Charted cards).",
      back: "The card's back, likewise. Null while your class withholds that question's answer (keyHeld).",
      keyHeld: "True while a class assignment withholds the answer this card shows.",
      suspended: "Whether you suspended the card.",
      buriedUntil: "Hidden from your queue until this time (null if not buried).",
      createdAt: "When the card joined your deck.",
      ...FSRS_CARD_FIELDS,
    },
  },
  {
    name: "review-logs.json",
    about: "Every rating you gave a review card, oldest first, as the FSRS scheduler recorded it.",
    shape: "list",
    fields: {
      id: "The rating's id.",
      cardId: "The card rated (an id from review-cards.json).",
      review: "When you rated it.",
      rating: "1 Again, 2 Hard, 3 Good, 4 Easy.",
      ratingName: "The same rating in words.",
      state: "The card's FSRS state when rated: 0 New, 1 Learning, 2 Review, 3 Relearning.",
      stateName: "The same state in words.",
      due: "The due date recorded with the rating.",
      stability: "FSRS stability recorded with the rating.",
      difficulty: "FSRS difficulty recorded with the rating.",
      elapsedDays: "Days since the card's previous review.",
      lastElapsedDays: "The gap before that one, in days.",
      scheduledDays: "Days the card was scheduled for.",
      learningSteps: "Learning steps recorded with the rating.",
    },
  },
  {
    name: "fsrs-optimizations.json",
    about: "Each time the scheduler was trained on your ratings, and how well it predicted them.",
    shape: "list",
    fields: {
      createdAt: "When the training ran.",
      reviewCount: "Ratings it read.",
      trainingItems: "Rating histories it trained on.",
      logLossBefore: "Prediction error (log loss) with the parameters in use before.",
      rmseBefore: "Prediction error (RMSE) before.",
      logLossAfter: "Log loss with the trained parameters.",
      rmseAfter: "RMSE with the trained parameters.",
      parameters: "The trained parameters (a list of numbers).",
      adopted: "Whether they became your parameters.",
    },
  },
  {
    name: "lesson-completions.json",
    about: "Lessons you marked complete.",
    shape: "list",
    fields: {
      lessonSlug: "The lesson's id (part of its address, /learn/<domain>/<slug>).",
      lessonTitle: "The lesson's title today (null if the lesson was removed).",
      completedAt: "When you marked it complete.",
    },
  },
  {
    name: "activity.json",
    about: "Your study activity per study day (a day starts at 4 a.m. in your time zone).",
    shape: "list",
    fields: {
      day: "The study day, YYYY-MM-DD.",
      seconds: "Estimated seconds of study that day.",
      reviews: "Review cards rated.",
      answers: "Questions answered.",
      lessons: "Lessons completed.",
    },
  },
  {
    name: "plan-days.json",
    about: "Today's study plan as Today first showed it, one entry per day (its check marks come from your activity).",
    shape: "list",
    fields: {
      day: "The study day, YYYY-MM-DD.",
      tasks: "The session's tasks: reviews, lessons, quizzes, mock exams, with minutes and links.",
      shownAt: "When Today first showed that day's plan.",
    },
  },
  {
    name: "classes.json",
    about: "Classes you joined, were removed from, or teach.",
    shape: "object",
    fields: {
      "memberships[].className": "A class you are in.",
      "memberships[].joinedAt": "When you joined it.",
      "memberships[].extraTimeFactor": "Extra time your instructor gave you in that class (null if none set).",
      "memberships[].classClosedAt": "When the class was closed (null while it runs).",
      "removals[].className": "A class your instructor removed you from.",
      "removals[].removedAt": "When.",
      "taught[].className": "A class you teach or taught.",
      "taught[].createdAt": "When you created it.",
      "taught[].closedAt": "When it was closed (null while it runs).",
      "taught[].students": "Students in it now (a count: their data is theirs).",
    },
  },
  {
    name: "assignment-overrides.json",
    about:
      "Settings your instructor changed for you alone on an assignment (a later due date, another time limit, more attempts).",
    shape: "list",
    fields: {
      assignmentTitle: "The assignment.",
      className: "Its class.",
      dueAt: "Your own due date (null: the assignment's).",
      timeLimitMinutes: "Your own time limit in minutes (null: the assignment's, or untimed).",
      untimed: "true if your attempts are untimed.",
      attemptsAllowed: "Attempts you may make in total (null: the assignment's).",
      createdAt: "When your instructor set it.",
      updatedAt: "When it last changed.",
    },
  },
  {
    name: "content-reports.json",
    about: 'Problems you reported with "Report a problem", and the editors\' replies.',
    shape: "list",
    fields: {
      id: "The report's id.",
      targetKind: '"question", "card", "lesson" or "glossary".',
      targetId: "The question id, card id, lesson slug or glossary term.",
      section: "The lesson section, if you reported one.",
      message: "What you wrote.",
      source: "The source you gave, if any.",
      status: '"open", "fixed" or "wont-fix".',
      reply: "The editors' reply, if any.",
      resolvedAt: "When the editors answered (null while open).",
      createdAt: "When you reported it.",
    },
  },
  {
    name: "instructor-requests.json",
    about: "Your requests for instructor access.",
    shape: "list",
    fields: {
      note: "What you wrote.",
      status: '"pending", "approved" or "declined".',
      createdAt: "When you asked.",
      decidedAt: "When an administrator decided (null while pending).",
    },
  },
  {
    name: "authored-questions.json",
    about: "Questions you wrote as an instructor, every version (an empty list if you wrote none).",
    shape: "list",
    fields: {
      id: "The question's id.",
      domainId: "Exam domain id.",
      knowledgeArea: "Knowledge area id.",
      currentVersion: "The version used for new assignments.",
      retiredAt: "When you retired it (null if in use).",
      createdAt: "When you wrote it.",
      "versions[].version": "Version number (1 is the first).",
      "versions[].createdAt": "When this version was saved.",
      "versions[].difficulty": "Difficulty you gave, 1 to 3.",
      "versions[].cognitive": '"recall" or "application".',
      "versions[].stem": "The question text.",
      "versions[].options[].letter": '"A" to "D".',
      "versions[].options[].text": "The option's text.",
      "versions[].options[].rationale": "Why it is right or wrong.",
      "versions[].answer": 'The correct option, "A" to "D".',
      "versions[].reference.title": "The source's title.",
      "versions[].reference.publisher": "Its publisher.",
      "versions[].reference.url": "Its address, if given.",
    },
  },
  {
    name: "sessions.json",
    about: "Browsers signed in to your account now.",
    shape: "list",
    fields: {
      userAgent: "The browser's description of itself.",
      ip: "The network address it signed in from.",
      createdAt: "When it signed in.",
      lastSeenAt: "When it was last used (to within a few minutes).",
    },
  },
] as const satisfies readonly ExportFileFormat[];

export type ExportFileName = (typeof EXPORT_FILES)[number]["name"];

/** The zip's README.txt: what each file holds, field by field. */
export function exportReadme(exportedAt: Date): string {
  const lines = [
    "Your data from Charted",
    "======================",
    "",
    `Downloaded ${exportedAt.toISOString()}. Format: ${EXPORT_FORMAT_NAME}, version ${EXPORT_FORMAT_VERSION}.`,
    "",
    "Every file is JSON (UTF-8). Files marked (list) hold a JSON list with one entry per line.",
    "Dates and times are ISO 8601 in UTC (2026-03-01T18:30:00.000Z). null means no value.",
    "Field names: a.b is field b inside a; a[].b is field b of each entry of the list a.",
    "",
  ];
  for (const file of EXPORT_FILES) {
    lines.push(`${file.name}${file.shape === "list" ? " (list)" : ""}`, `  ${file.about}`);
    for (const [field, about] of Object.entries(file.fields)) lines.push(`  - ${field}: ${about}`);
    lines.push("");
  }
  lines.push(
    "Not included: your password (Charted keeps only a one-way hash of it), the secret parts of",
    "sign-in links and cookies, and other people's data (classmates, other learners' answers).",
    "",
  );
  return lines.join("\n");
}
