// Dates as people read them, in the reader's time zone. Formatted on the server (loaders and
// actions), so the page the server sends and the page the browser hydrates say the same thing.
const STYLES = {
  /** "Dec 5, 2026" */
  date: { dateStyle: "medium" },
  /** "Dec 5, 2026, 9:00 AM" */
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  /** "Dec 5, 2026, 9:00 AM EST" (for deadlines read across time zones) */
  dateTimeZone: {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  },
  /** "Dec 5" */
  monthDay: { month: "short", day: "numeric" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof STYLES;

/** A zone the runtime knows; anything else reads as UTC rather than failing the page. */
export function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

// Building a formatter costs far more than using one: keep one per zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDate(value: Date | string, timeZone: string, style: DateStyle = "date"): string {
  const key = `${timeZone}|${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { ...STYLES[style], timeZone: safeZone(timeZone) });
    if (formatters.size < 500) formatters.set(key, formatter);
  }
  return formatter.format(typeof value === "string" ? new Date(value) : value);
}
