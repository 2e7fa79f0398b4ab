// The review settings page's "Spread your reviews" section: load balancing and light days, in a
// form of its own (intent "balance"), so saving it leaves the other settings alone. Plain form
// fields: it works the same without JavaScript.
import { Form } from "@remix-run/react";
import { BALANCE_INTENT } from "~/review/balance-settings.ts";
import { Button, CheckboxField, CheckboxGroup, ErrorSummary } from "./form-controls.tsx";
import { Section } from "./section.tsx";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export interface BalanceSettings {
  loadBalance: boolean;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  lightWeekdays: number[];
}

/** What the action returned for this form, if it was this form that was sent. */
export type BalanceSettingsResult =
  | { ok: true }
  | {
      ok: false;
      fieldErrors: Record<string, string[]>;
      formError?: string;
      /** What was sent, to refill the boxes. */
      sent: { loadBalance: boolean; lightWeekdays: string[] };
    };

export function ReviewBalanceSettings({
  settings,
  result,
}: {
  settings: BalanceSettings;
  result: BalanceSettingsResult | undefined;
}) {
  const errors = result && !result.ok ? result : undefined;
  const light = errors ? errors.sent.lightWeekdays : settings.lightWeekdays.map(String);
  const balanced = errors ? errors.sent.loadBalance : settings.loadBalance;
  return (
    <Section headingId="balance-heading" title="Spread your reviews" gap={0} className="card space-y-3">
      <p>
        Cards can come back a day or two earlier or later without hurting your memory. Charted uses that room to even
        out your days, so you do not get a pile of reviews one day and almost none the next.
      </p>
      {result?.ok ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          Review spreading saved.
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value={BALANCE_INTENT} />
        <ErrorSummary
          message={errors?.formError}
          fieldErrors={errors?.fieldErrors}
          labels={{ loadBalance: "Spread reviews evenly (load balancing)", lightWeekdays: "Light days" }}
        />
        <CheckboxField
          name="loadBalance"
          id="loadBalance"
          label="Spread reviews evenly (load balancing)"
          defaultChecked={balanced}
          hint="Each card goes to the least busy day of the few days it could come back on."
          errors={errors?.fieldErrors.loadBalance}
        />
        <CheckboxGroup
          name="lightWeekdays"
          legend="Light days"
          hint="Days you want fewer reviews on, for example a busy workday or the weekend. They get about a quarter of a normal day's reviews. This works through load balancing, so keep it on."
          className="mt-4 mb-4"
          optionsClassName="flex flex-wrap gap-x-4"
          defaultValues={light}
          options={WEEKDAYS.map((name, i) => ({ value: String(i + 1), label: name }))}
          errors={errors?.fieldErrors.lightWeekdays}
        />
        <Button>Save review spreading</Button>
      </Form>
    </Section>
  );
}
