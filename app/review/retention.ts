// The desired-retention range the learner may choose, in one place: the settings form, its
// validation and the workload estimate all read it.
export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.99;

/** 0.70, 0.71, … 0.99: the values the workload estimate compares. */
export const RETENTION_STEPS: readonly number[] = Array.from(
  { length: Math.round((RETENTION_MAX - RETENTION_MIN) * 100) + 1 },
  (_, i) => Math.round((RETENTION_MIN + i / 100) * 100) / 100,
);

/** "0.90" */
export const formatRetention = (r: number) => r.toFixed(2);
