import { useEffect, useRef, useState } from "react";
import { formatDuration, TIME_WARNINGS } from "~/exam/timing.ts";

/**
 * Counts down from the server's seconds-left (so a wrong device clock does not matter),
 * announces 15, 5 and 1 minute warnings to screen readers, and calls onExpire at zero.
 * Without JavaScript it shows the time left when the page loaded.
 */
export function ExamTimer({
  secondsLeft,
  onExpire,
  compact = false,
}: {
  secondsLeft: number;
  onExpire: () => void;
  /** Smaller, for the exam's bottom bar: on a phone the warning shows as the timer's colour only. */
  compact?: boolean;
}) {
  const [left, setLeft] = useState(secondsLeft);
  const [warning, setWarning] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const announced = useRef(new Set<number>(TIME_WARNINGS.filter((w) => secondsLeft <= w)));
  const expire = useRef(onExpire);
  expire.current = onExpire;

  useEffect(() => {
    setHydrated(true);
    const endAt = Date.now() + secondsLeft * 1000;
    const tick = () => {
      const now = Math.max(0, Math.round((endAt - Date.now()) / 1000));
      setLeft(now);
      for (const w of TIME_WARNINGS) {
        if (now <= w && !announced.current.has(w)) {
          announced.current.add(w);
          setWarning(w >= 120 ? `${w / 60} minutes left.` : "1 minute left.");
        }
      }
      if (now === 0) {
        clearInterval(timer);
        expire.current();
      }
    };
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [secondsLeft]);

  const urgent = left <= 60;
  const low = left <= 5 * 60;
  return (
    <div className="flex items-center gap-2">
      <p
        className={`rounded-md border font-mono font-semibold tabular-nums ${
          compact ? "px-2 py-1 text-sm sm:text-lg" : "px-3 py-1 text-lg"
        } ${
          urgent
            ? "border-danger bg-danger-soft text-danger"
            : low
              ? "border-warn bg-warn-soft text-warn"
              : "border-line"
        }`}
      >
        <span className="sr-only">{hydrated ? "Time left: " : "Time left when this page loaded: "}</span>
        <span role="timer" aria-live="off">
          {formatDuration(left)}
        </span>
      </p>
      <p className="sr-only" aria-live="assertive" role="status">
        {left === 0 ? "Time is up. Submitting your answers." : warning}
      </p>
      {warning && left > 0 ? (
        <span
          aria-hidden="true"
          className={`text-sm font-semibold ${compact ? "max-sm:hidden" : ""} ${urgent ? "text-danger" : "text-warn"}`}
        >
          {warning}
        </span>
      ) : null}
    </div>
  );
}
