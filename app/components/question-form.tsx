// The instructor's question form (new and edit). Plain form post: works without JavaScript.
import { Form } from "@remix-run/react";
import {
  Button,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextareaField,
  TextField,
} from "~/components/form-controls.tsx";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";

/** The label of each field, by name, for the ErrorSummary above the form. */
export const QUESTION_FIELD_LABELS: Record<string, string> = {
  stem: "Question",
  ...Object.fromEntries(
    LETTERS.flatMap((l) => [
      [`option${l}`, `Option ${l} text`],
      [`rationale${l}`, `Why option ${l} is right or wrong`],
    ]),
  ),
  answer: "Correct option",
  knowledgeArea: "Knowledge area",
  difficulty: "Difficulty",
  cognitive: "Kind of question",
  referenceTitle: "Title",
  referencePublisher: "Publisher (e.g. HHS, CMS, AMA)",
  referenceUrl: "Web address (https, optional)",
};

/**
 * The form, filled with `values`; after a refused save (`rejected`), the summary of what to fix
 * (`refusal` and a link to each field) above it and the values as typed.
 */
export function QuestionForm({
  values,
  rejected,
  refusal,
  areas,
  submitLabel,
}: {
  values: Record<string, string>;
  rejected: { fieldErrors: Record<string, string[]>; values: Record<string, string> } | null;
  refusal: string;
  areas: { domain: string; areas: { id: string; title: string }[] }[];
  submitLabel: string;
}) {
  const err = (name: string) => rejected?.fieldErrors[name];
  return (
    <>
      {rejected ? (
        <ErrorSummary
          className=""
          message={refusal}
          fieldErrors={rejected.fieldErrors}
          labels={QUESTION_FIELD_LABELS}
        />
      ) : null}
      <QuestionFields values={rejected?.values ?? values} err={err} areas={areas} submitLabel={submitLabel} />
    </>
  );
}

function QuestionFields({
  values,
  err,
  areas,
  submitLabel,
}: {
  values: Record<string, string>;
  err: (name: string) => string[] | undefined;
  areas: { domain: string; areas: { id: string; title: string }[] }[];
  submitLabel: string;
}) {
  return (
    <Form method="post" className="card space-y-4" noValidate>
      <input type="hidden" name="intent" value="save" />
      <TextareaField
        wrapperClassName=""
        name="stem"
        label="Question"
        rows={4}
        defaultValue={values.stem ?? ""}
        hint={
          <>
            A short scenario and a question, 15–2,000 characters. **Bold**, *italics* and `code` work; anything else
            shows as typed.
          </>
        }
        errors={err("stem")}
      />
      {LETTERS.map((l) => (
        <fieldset key={l} className="rounded-md border border-line p-3">
          <legend className="px-1 font-semibold">Option {l}</legend>
          <TextField
            name={`option${l}`}
            label={`Option ${l} text`}
            defaultValue={values[`option${l}`] ?? ""}
            errors={err(`option${l}`)}
          />
          <TextField
            name={`rationale${l}`}
            label={`Why option ${l} is right or wrong`}
            defaultValue={values[`rationale${l}`] ?? ""}
            errors={err(`rationale${l}`)}
          />
        </fieldset>
      ))}
      <RadioGroup
        name="answer"
        legend="Correct option"
        options={LETTERS.map((l) => ({ value: l, label: l }))}
        defaultValue={values.answer}
        optionsClassName="flex gap-4"
        errors={err("answer")}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          wrapperClassName="sm:col-span-3"
          name="knowledgeArea"
          label="Knowledge area"
          defaultValue={values.knowledgeArea ?? ""}
          errors={err("knowledgeArea")}
        >
          <option value="">Choose…</option>
          {areas.map((d) => (
            <optgroup key={d.domain} label={d.domain}>
              {d.areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.id} {a.title}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField
          wrapperClassName=""
          name="difficulty"
          label="Difficulty"
          defaultValue={values.difficulty ?? "2"}
          errors={err("difficulty")}
          options={[
            { value: "1", label: "1 (easier)" },
            { value: "2", label: "2" },
            { value: "3", label: "3 (harder)" },
          ]}
        />
        <SelectField
          wrapperClassName="sm:col-span-2"
          name="cognitive"
          label="Kind of question"
          defaultValue={values.cognitive ?? "application"}
          errors={err("cognitive")}
          options={[
            { value: "recall", label: "Recall (a fact or definition)" },
            { value: "application", label: "Application (a situation to handle)" },
          ]}
        />
      </div>
      <fieldset className="rounded-md border border-line p-3">
        <legend className="px-1 font-semibold">Source that backs the answer</legend>
        <TextField
          name="referenceTitle"
          label="Title"
          defaultValue={values.referenceTitle ?? ""}
          errors={err("referenceTitle")}
        />
        <TextField
          name="referencePublisher"
          label="Publisher (e.g. HHS, CMS, AMA)"
          defaultValue={values.referencePublisher ?? ""}
          errors={err("referencePublisher")}
        />
        <TextField
          name="referenceUrl"
          label="Web address (https, optional)"
          type="url"
          defaultValue={values.referenceUrl ?? ""}
          errors={err("referenceUrl")}
        />
      </fieldset>
      <Button>{submitLabel}</Button>
    </Form>
  );
}
