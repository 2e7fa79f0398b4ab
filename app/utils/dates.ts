// Dates as people read them: in the reader's locale (negotiated from the browser's Accept-Language,
// see locale.server.ts) and time zone. Loaders format with the request's locale; components use
// `useDates()` (app/components/use-dates.ts), which reads the same locale and zone from the root
// loader, so the page the server sends and the page the browser hydrates say the same thing.
const STYLES = {
  /** "Dec 5, 2026" (en-GB "5 Dec 2026") */
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
  /** "Dec 5" (en-GB "5 Dec") */
  monthDay: { month: "short", day: "numeric" },
  /** "Saturday, December 5" (en-GB "Saturday 5 December") */
  weekdayLong: { weekday: "long", month: "long", day: "numeric" },
  /** "Sat" (de-DE "Sa.") */
  weekdayShort: { weekday: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof STYLES;

/** The locale when the browser names none we can format in. */
export const DEFAULT_LOCALE = "en-US";

/** Who reads a date: their locale and time zone (the root loader sends it to the browser). */
export interface DateFormat {
  locale: string;
  timeZone: string;
}

/** Who reads a date, for code that has only a time zone (then en-US) or the locale too. */
export type DateReader = string | { timeZone: string; locale?: string };

/** An instant in the reader's zone and locale. */
export function formatFor(value: Date | string, reader: DateReader, style: DateStyle = "date"): string {
  return typeof reader === "string"
    ? formatDate(value, reader, style)
    : formatDate(value, reader.timeZone, style, reader.locale);
}

/** A zone the runtime knows; anything else reads as UTC rather than failing the page. */
export function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** A locale the runtime formats in, in its canonical spelling; anything else reads as en-US. */
export function safeLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale])[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/**
 * The reader's locale from an Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5"): the
 * supported language with the highest quality, ties in the order given. `*`, malformed tags and
 * q=0 are skipped; nothing usable gives en-US.
 */
const QVALUE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

export function negotiateLocale(header: string | null | undefined): string {
  if (!header) return DEFAULT_LOCALE;
  const wanted = header
    .slice(0, 500) // a browser sends a few dozen characters; a longer header is not worth parsing
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q\s*=(.*)$/i.exec(p)?.[1]?.trim()).find((v) => v !== undefined);
      // RFC 9110 qvalue: 0 to 1 with up to three decimals; anything else drops the tag.
      const quality = q === undefined ? 1 : QVALUE.test(q) ? Number(q) : NaN;
      return { tag: tag.trim(), q: quality, order };
    })
    .filter((w) => w.tag && w.tag !== "*" && Number.isFinite(w.q) && w.q > 0 && w.q <= 1)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of wanted) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf([tag]);
      if (supported) return supported;
    } catch {
      // A malformed tag (RangeError): try the next one.
    }
  }
  return DEFAULT_LOCALE;
}

// Building a formatter costs far more than using one: keep one per locale, zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions, key: string) {
  const cacheKey = `${locale}|${timeZone}|${key}`;
  let f = formatters.get(cacheKey);
  if (!f) {
    f = new Intl.DateTimeFormat(safeLocale(locale), { ...options, timeZone: safeZone(timeZone) });
    if (formatters.size < 500) formatters.set(cacheKey, f);
  }
  return f;
}

/** An instant as the reader sees it in `timeZone` and `locale` (en-US unless given). */
export function formatDate(
  value: Date | string,
  timeZone: string,
  style: DateStyle = "date",
  locale: string = DEFAULT_LOCALE,
): string {
  return formatter(locale, timeZone, STYLES[style], style).format(typeof value === "string" ? new Date(value) : value);
}

/**
 * A calendar day label ("2026-12-05": a study day, an exam date) as people read it. The label is
 * already the reader's day, so no zone shifts it: it is read at noon UTC and written in UTC.
 */
export function formatDay(label: string, style: DateStyle = "date", locale: string = DEFAULT_LOCALE): string {
  return formatDate(`${label.slice(0, 10)}T12:00:00Z`, "UTC", style, locale);
}

/**
 * The one date-time form of every CSV export: "2026-12-05 19:30", the wall-clock time in
 * `timeZone` (the column header names the zone, see `csvZoneHeader`). Spreadsheets read it as a
 * date and time in any locale; the exact instant goes in an ISO 8601 UTC column beside it.
 */
export function csvDateTime(value: Date | string, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter("en-US", timeZone, CSV_PARTS, "csv")
      .formatToParts(typeof value === "string" ? new Date(value) : value)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A CSV column title for `csvDateTime` values: "Due (America/Chicago)". */
export function csvZoneHeader(title: string, timeZone: string): string {
  return `${title} (${safeZone(timeZone)})`;
}

const CSV_PARTS: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};
