// The app's data tables: one markup for captions, column and row headers, cell padding and the
// horizontal scroll wrapper, so every table reads the same to a screen reader.
import { useId, type Key, type ReactNode } from "react";

type ColumnSpec = {
  header: ReactNode;
  /** More classes on this column's header cell (a width, say). */
  className?: string;
  /** The column's cells are decoration (a bar drawing the number beside it): hidden from assistive technology. */
  decorative?: boolean;
  /** The rows are sorted by this column (a sortable table's `aria-sort`). */
  ariaSort?: "ascending" | "descending";
};
/** A column: its header, or the header with options. */
export type Column = ReactNode | ColumnSpec;

const isSpec = (c: Column): c is ColumnSpec => c !== null && typeof c === "object" && "header" in c;
const column = (c: Column): ColumnSpec => (isSpec(c) ? c : { header: c });

/**
 * A data table. `cells` gives a row's cells in column order; the first is the row's header
 * (`th scope="row"`) unless `rowHeader` is false. Cells are padded apart (`pr-4`), the last one
 * too only with `padLast`. Wide tables scroll sideways in their own box; `regionLabelledBy` (or
 * else the caption) makes that box a focusable, named region so keyboard users can scroll it.
 */
export function DataTable<T>({
  caption,
  captionClassName = "sr-only",
  columns,
  rows,
  cells,
  rowKey = (_row, i) => i,
  rowHeader = true,
  dense = false,
  padLast = false,
  rowClassName = "",
  lastRowRule = true,
  className = "w-full text-left",
  scroll = true,
  regionLabelledBy,
}: {
  caption?: ReactNode;
  captionClassName?: string;
  /** Column headers; none for a table of row headers and values. */
  columns?: Column[];
  rows: readonly T[];
  cells: (row: T, index: number) => ReactNode[];
  rowKey?: (row: T, index: number) => Key;
  rowHeader?: boolean;
  /** `py-1` cells instead of `py-2`. */
  dense?: boolean;
  padLast?: boolean;
  /** More classes on each body row. */
  rowClassName?: string;
  /** False: no rule under the last row (a short table closing a card). */
  lastRowRule?: boolean;
  className?: string;
  scroll?: boolean;
  regionLabelledBy?: string;
}) {
  const captionId = useId();
  const pad = dense ? "py-1" : "py-2";
  const heads = columns?.map(column);
  const padded = (j: number, count: number) => (padLast || j < count - 1 ? `${pad} pr-4` : pad);
  const rule = `border-b border-line${rowClassName ? ` ${rowClassName}` : ""}`;
  const table = (
    <table className={className}>
      {caption ? (
        <caption id={captionId} className={captionClassName}>
          {caption}
        </caption>
      ) : null}
      {heads ? (
        <thead>
          <tr className="border-b border-line">
            {heads.map((h, j) => (
              <th
                key={j}
                scope="col"
                aria-sort={h.ariaSort}
                className={`${padded(j, heads.length)}${h.className ? ` ${h.className}` : ""}`}
              >
                {h.header}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody>
        {rows.map((row, i) => {
          const values = cells(row, i);
          const last = i === rows.length - 1 && !lastRowRule;
          return (
            <tr key={rowKey(row, i)} className={last ? rowClassName || undefined : rule}>
              {values.map((value, j) =>
                j === 0 && rowHeader ? (
                  <th key={j} scope="row" className={`${padded(j, values.length)} font-normal`}>
                    {value}
                  </th>
                ) : (
                  <td
                    key={j}
                    className={padded(j, values.length)}
                    aria-hidden={heads?.[j]?.decorative ? "true" : undefined}
                  >
                    {value}
                  </td>
                ),
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
  if (!scroll) return table;
  // `relative`: visually hidden cells (absolutely positioned) stay inside the scrolling box;
  // otherwise they sit at their place off to the right and widen the whole page (WCAG 1.4.10).
  const labelledBy = regionLabelledBy ?? (caption ? captionId : undefined);
  return labelledBy ? (
    // Focusable so keyboard users can scroll a wide table on a narrow screen.
    <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      {table}
    </div>
  ) : (
    <div className="relative overflow-x-auto">{table}</div>
  );
}
