// Dates formatted in render, with the locale and time zone the root loader computed for this
// request: the server and the hydrating browser format with the same values, so they agree.
import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LOCALE, formatDate, formatDay, type DateFormat, type DateStyle } from "~/utils/dates.ts";

export interface Dates extends DateFormat {
  /** An instant in the reader's zone and locale. */
  date: (value: Date | string, style?: DateStyle) => string;
  /** A calendar day label ("2026-12-05") in the reader's locale. */
  day: (label: string, style?: DateStyle) => string;
}

export function useDates(): Dates {
  const root = useRouteLoaderData("root") as { dates?: DateFormat } | undefined;
  const locale = root?.dates?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.dates?.timeZone ?? "UTC";
  return useMemo(
    () => ({
      locale,
      timeZone,
      date: (value, style) => formatDate(value, timeZone, style, locale),
      day: (label, style) => formatDay(label, style, locale),
    }),
    [locale, timeZone],
  );
}
