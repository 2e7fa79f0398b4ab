// The study plan as an iCalendar file, so a phone's calendar reminds the learner. Event UIDs
// are stable per learner and day: importing an updated plan replaces sessions, not duplicates.
import { TZDate } from "@date-fns/tz";
import { createEvents, type EventAttributes } from "ics";
import { taskLine, type Session } from "./plan.ts";

/** Local wall-clock time `hh:mm` on `day` in `timeZone`, as a UTC instant. */
export function sessionStart(day: string, time: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, timeZone).getTime());
}

export function planToIcs(input: {
  userId: string;
  sessions: Session[];
  startTime: string;
  timeZone: string;
  baseUrl: string;
}): string {
  const events: EventAttributes[] = input.sessions.map((s) => ({
    uid: `charted-${input.userId}-${s.day}@charted`,
    start: sessionStart(s.day, input.startTime, input.timeZone).getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: Math.max(5, s.minutes) },
    title: s.finalDay
      ? "Charted: light review before your CMAA exam"
      : s.tasks.some((t) => t.kind === "mock")
        ? "Charted: full CMAA mock exam"
        : "Charted: CMAA study session",
    description: s.tasks.map(taskLine).join("\n"),
    url: `${input.baseUrl}/progress/plan`,
    categories: ["Study"],
    alarms: [{ action: "display", description: "Study session in 10 minutes", trigger: { minutes: 10, before: true } }],
  }));
  const { error, value } = createEvents(events, {
    productId: "-//Charted//Study plan//EN",
    calName: "Charted study plan",
  });
  if (error || !value) throw error ?? new Error("could not build the calendar");
  return value;
}
