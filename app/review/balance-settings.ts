// The review settings page's "Spread reviews" form: load balancing on or off and the light
// weekdays (placement.ts has the rules they feed). Its own intent, so it saves only its fields.
import { z } from "zod";
import { listField } from "~/utils/list-field.ts";
import { wholeNumber } from "~/utils/numbers.ts";

export const BALANCE_INTENT = "balance";

export const balanceSettingsSchema = z.object({
  intent: z.literal(BALANCE_INTENT),
  // A checkbox sends "on" when ticked and nothing when not.
  loadBalance: z
    .enum(["on"], { error: "That value for load balancing is not valid." })
    .optional()
    .transform((v) => v === "on"),
  lightWeekdays: listField(
    wholeNumber((n) => n.min(1, "Choose days from the list.").max(7, "Choose days from the list.")),
    7,
    "Choose days from the list.",
  )
    .pipe(z.array(z.number()).max(6, "Leave at least one day of the week that is not light."))
    .transform((days) => days.sort((a, b) => a - b).join(",")),
});

/** The form's fields as the schema reads them (the weekday boxes repeat one name). */
export function balanceSettingsInput(formData: FormData) {
  const text = (name: string) => {
    const v = formData.get(name);
    return typeof v === "string" ? v : undefined;
  };
  return {
    intent: text("intent"),
    loadBalance: text("loadBalance"),
    lightWeekdays: formData.getAll("lightWeekdays").filter((v) => typeof v === "string"),
  };
}
