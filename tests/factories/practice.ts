// Test factory: a practice quiz request as the practice form sends it (five untimed LAW items).
import type { PracticeForm } from "~/exam/forms.ts";

export const practiceForm = (over: Partial<PracticeForm> = {}): PracticeForm => ({
  domains: ["LAW"],
  areas: [],
  weakest: false,
  count: 5,
  timed: false,
  mode: "exam",
  only: "all",
  ...over,
});
