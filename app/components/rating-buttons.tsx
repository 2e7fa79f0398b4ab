// The four review ratings, laid out the same online (review.study) and offline (review.offline).

/** One row of four at every width: in the bottom bar each button is a thumb's width. */
export const RATING_ROW = "grid grid-cols-4 gap-1 sm:gap-2";

/** Again in red, Good (the usual answer) as the primary button, Hard and Easy plain. */
export function ratingButtonClass(grade: number) {
  const variant = grade === 1 ? "btn-danger" : grade === 3 ? "btn-primary" : "btn-secondary";
  return `${variant} flex-col gap-0 px-1 leading-tight`;
}
