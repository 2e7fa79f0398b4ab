import { useEffect, useRef, useState } from "react";

/**
 * A name, email or title on one line, ending in an ellipsis when it does not fit. The whole text
 * is always in the page (screen readers read all of it); it shows whole, wrapped in place, on
 * keyboard focus (tailwind.css `.truncate-text`), and as the `title` tooltip on hover (wrapping on
 * hover would move it from under a resting pointer and back, a flicker loop).
 *
 * Inside a link, button or summary (`inControl`), that control's focus reveals it. On its own it
 * takes keyboard focus itself, but only while it is actually cut short (measured once the page
 * runs, and again when its width changes; before that, and without JavaScript, it is focusable).
 * In a table cell or a flex row give it a width limit (`className`, e.g. `max-w-56`), as those
 * grow to fit their content instead of cutting it.
 */
export function Truncate({
  text,
  className = "",
  inControl = false,
}: {
  text: string;
  className?: string;
  inControl?: boolean;
}) {
  const ref = useRef<HTMLSpanElement>(null);
  const [cut, setCut] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (inControl || !el) return;
    const measure = () => {
      // Revealed (hovered or focused) text wraps, so it would measure as fitting: keep the state.
      if (el.matches(":hover, :focus")) return;
      setCut(el.scrollWidth > el.clientWidth + 1);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [inControl, text]);
  return (
    <span ref={ref} className={`truncate-text ${className}`} title={text} tabIndex={!inControl && cut ? 0 : undefined}>
      {text}
    </span>
  );
}
