// The instructor's question form (new and edit). Plain form post: works without JavaScript.
import { Form } from "@remix-run/react";
import { Button, TextField } from "~/components/form-controls.tsx";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";

export function QuestionForm({
  values,
  errors,
  areas,
  submitLabel,
}: {
  values: Record<string, string>;
  errors: Record<string, string[]>;
  areas: { domain: string; areas: { id: string; title: string }[] }[];
  submitLabel: string;
}) {
  const err = (name: string) => errors[name];
  const describe = (name: string, hint?: boolean) =>
    [hint ? `${name}-hint` : null, err(name) ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Form method="post" className="card space-y-4" noValidate>
      <input type="hidden" name="intent" value="save" />
      <div>
        <label htmlFor="stem" className="field-label">
          Question
        </label>
        <textarea
          id="stem"
          name="stem"
          rows={4}
          defaultValue={values.stem ?? ""}
          className="field-input"
          aria-invalid={err("stem") ? true : undefined}
          aria-describedby={describe("stem", true)}
        />
        <p id="stem-hint" className="field-hint">
          A short scenario and a question, 15–2,000 characters. **Bold**, *italics* and `code` work; anything else shows
          as typed.
        </p>
        {err("stem") ? (
          <p id="stem-error" className="field-error">
            {err("stem")!.join(" ")}
          </p>
        ) : null}
      </div>
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
      <fieldset aria-describedby={describe("answer")}>
        <legend className="field-label">Correct option</legend>
        <div className="flex gap-4">
          {LETTERS.map((l) => (
            <label key={l} className="flex min-h-11 items-center gap-2">
              <input type="radio" name="answer" value={l} defaultChecked={values.answer === l} className="h-5 w-5" />
              {l}
            </label>
          ))}
        </div>
        {err("answer") ? (
          <p id="answer-error" className="field-error">
            {err("answer")!.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-3">
          <label htmlFor="knowledgeArea" className="field-label">
            Knowledge area
          </label>
          <select
            id="knowledgeArea"
            name="knowledgeArea"
            defaultValue={values.knowledgeArea ?? ""}
            className="field-input"
            aria-invalid={err("knowledgeArea") ? true : undefined}
            aria-describedby={describe("knowledgeArea")}
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
          </select>
          {err("knowledgeArea") ? (
            <p id="knowledgeArea-error" className="field-error">
              {err("knowledgeArea")!.join(" ")}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="difficulty" className="field-label">
            Difficulty
          </label>
          <select id="difficulty" name="difficulty" defaultValue={values.difficulty ?? "2"} className="field-input">
            <option value="1">1 (easier)</option>
            <option value="2">2</option>
            <option value="3">3 (harder)</option>
          </select>
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="cognitive" className="field-label">
            Kind of question
          </label>
          <select
            id="cognitive"
            name="cognitive"
            defaultValue={values.cognitive ?? "application"}
            className="field-input"
            aria-describedby={describe("cognitive")}
          >
            <option value="recall">Recall (a fact or definition)</option>
            <option value="application">Application (a situation to handle)</option>
          </select>
          {err("cognitive") ? (
            <p id="cognitive-error" className="field-error">
              {err("cognitive")!.join(" ")}
            </p>
          ) : null}
        </div>
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
