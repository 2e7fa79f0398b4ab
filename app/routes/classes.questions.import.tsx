import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { knowledgeAreaChoices } from "~/authoring/authoring.server.ts";
import { flatFieldName } from "~/authoring/forms.ts";
import {
  confirmImport,
  importBatchInput,
  importBatchSchema,
  importSourceSchema,
  previewImport,
  type PreviewItem,
} from "~/authoring/import.server.ts";
import { formatName, IMPORT_LIMITS, type ImportProblem } from "~/authoring/formats/types.ts";
import {
  Button,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextareaField,
  TextField,
} from "~/components/form-controls.tsx";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formValues } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Import questions · Classes · Charted" }];

const BATCH_LABELS: Record<string, string> = {
  difficulty: "Difficulty",
  cognitive: "Kind of question",
  referenceTitle: "Source title",
  referencePublisher: "Publisher",
  referenceUrl: "Web address (https, optional)",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "instructor");
  return { areas: knowledgeAreaChoices() };
}

/** The text to import: the uploaded file if one was chosen, else the pasted text. */
async function sourceText(formData: FormData): Promise<string | null> {
  const file = formData.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > IMPORT_LIMITS.bytes) return null;
    return (await file.text()).replace(/^\uFEFF/, "");
  }
  const text = formData.get("text");
  return typeof text === "string" ? text : "";
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const formData = await request.formData();
  const text = await sourceText(formData);
  if (text === null)
    return data({ stage: "source" as const, formError: "The file is over 1 MiB: split it into smaller files." }, 400);
  const source = importSourceSchema.safeParse({ text, format: formData.get("format") ?? "auto" });
  if (!source.success)
    return data({ stage: "source" as const, formError: source.error.issues.map((i) => i.message).join(" ") }, 400);

  const preview = await previewImport(user, source.data.text, source.data.format);
  if (!preview.ok) return data({ stage: "source" as const, formError: preview.formError }, 400);
  const previewPage = (status: number, fieldErrors: Record<string, string[]> = {}, formError?: string) =>
    data(
      {
        stage: "preview" as const,
        text: source.data.text,
        ...preview,
        fieldErrors,
        formError,
        values: formValues(formData),
      },
      status,
    );
  if (formData.get("intent") !== "confirm") return previewPage(200);

  const batch = importBatchSchema.safeParse(importBatchInput(formData));
  if (!batch.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of batch.error.issues) (fieldErrors[flatFieldName(issue.path)] ??= []).push(issue.message);
    return previewPage(400, fieldErrors, "Nothing was imported: fix the fields marked below.");
  }
  const chosen = Object.fromEntries(
    preview.items.map((item) => [item.index, formData.get(`area-${item.index}`)?.toString() || undefined]),
  );
  const saved = await confirmImport(user, source.data.text, preview.format, batch.data, chosen);
  if (!saved.ok)
    return previewPage(400, saved.fieldErrors, saved.formError ?? "Nothing was imported: fix the fields marked below.");
  if (!saved.refused.length)
    return redirect(`/classes/questions?imported=${saved.created}&already=${saved.alreadyImported}`);
  return data({ stage: "done" as const, ...saved });
}

export default function ImportQuestions() {
  const { areas } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/classes">Classes</Link> <span aria-hidden="true">›</span>{" "}
        <Link to="/classes/questions">My questions</Link> <span aria-hidden="true">›</span> Import
      </nav>
      <h1 className="page-title">Import questions from Moodle</h1>
      {result?.stage === "preview" ? (
        <Preview result={result} areas={areas} />
      ) : result?.stage === "done" ? (
        <Done created={result.created} alreadyImported={result.alreadyImported} refused={result.refused} />
      ) : (
        <SourceForm formError={result?.stage === "source" ? result.formError : undefined} />
      )}
    </div>
  );
}

function SourceForm({ formError }: { formError?: string }) {
  return (
    <>
      <p className="max-w-2xl">
        Bring your multiple-choice questions from Moodle as a GIFT file (.gift or .txt) or a Moodle XML file (.xml), up
        to 1 MiB and {IMPORT_LIMITS.questions} questions. Each needs four options, one right answer and feedback on
        every option (it becomes the option&apos;s rationale). You will see a preview first: nothing is saved until you
        confirm.
      </p>
      <Form method="post" encType="multipart/form-data" className="card space-y-4" noValidate>
        <ErrorSummary className="" message={formError} labels={{}} />
        <TextField
          wrapperClassName=""
          name="file"
          type="file"
          accept=".gift,.txt,.xml,text/plain,application/xml,text/xml"
          label="File"
          hint="A GIFT or Moodle XML export."
        />
        <TextareaField
          wrapperClassName=""
          name="text"
          label="Or paste the questions"
          rows={8}
          hint="Used when no file is chosen."
        />
        <RadioGroup
          name="format"
          legend="Format"
          defaultValue="auto"
          optionsClassName="flex flex-wrap gap-4"
          options={[
            { value: "auto", label: "Detect" },
            { value: "gift", label: "GIFT" },
            { value: "xml", label: "Moodle XML" },
          ]}
        />
        <Button name="intent" value="preview">
          Preview
        </Button>
      </Form>
    </>
  );
}

type PreviewData = {
  text: string;
  format: "gift" | "xml";
  items: PreviewItem[];
  problems: ImportProblem[];
  fieldErrors: Record<string, string[]>;
  formError?: string;
  values: Record<string, string>;
};

function Preview({ result, areas }: { result: PreviewData; areas: ReturnType<typeof knowledgeAreaChoices> }) {
  const fresh = result.items.filter((i) => !i.alreadyImported);
  const already = result.items.length - fresh.length;
  const err = (name: string) => result.fieldErrors[name];
  const v = result.values;
  const labels = {
    ...Object.fromEntries(result.items.map((i) => [`area-${i.index}`, `Knowledge area for ${i.where}`])),
    ...BATCH_LABELS,
  };
  return (
    <>
      <ErrorSummary className="" message={result.formError} fieldErrors={result.fieldErrors} labels={labels} />
      <p role="status" className="rounded-md border border-line p-3 font-medium">
        Read as {formatName(result.format)}: {fresh.length} question{fresh.length === 1 ? "" : "s"} to import
        {already ? `, ${already} already imported` : ""}, {result.problems.length} problem
        {result.problems.length === 1 ? "" : "s"}. Nothing is saved yet.
      </p>
      {result.problems.length ? (
        <section aria-labelledby="problems-heading" className="card">
          <h2 id="problems-heading" className="text-lg font-semibold">
            Not imported
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {result.problems.map((p, i) => (
              <li key={i}>
                <strong>{p.where}</strong>: {p.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="space-y-4" noValidate>
        <input type="hidden" name="text" value={result.text} />
        <input type="hidden" name="format" value={result.format} />
        <h2 className="text-lg font-semibold">Questions</h2>
        <ol className="space-y-4">
          {result.items.map((item) => (
            <li key={item.index} className="card space-y-2">
              <h3 className="font-semibold">
                {item.title ?? "Untitled"} <span className="text-sm font-normal text-muted">({item.where})</span>
                {item.alreadyImported ? <span className="ml-2 text-sm">· already in My questions, skipped</span> : null}
              </h3>
              {item.textProblem && !item.alreadyImported ? (
                <p className="field-error">Will not be saved as it is: {item.textProblem}</p>
              ) : null}
              <div dangerouslySetInnerHTML={{ __html: item.stemHtml }} />
              <ol className="space-y-1">
                {item.options.map((o, n) => (
                  <li key={n}>
                    <span className="font-semibold">{LETTERS[n]}.</span>{" "}
                    <span dangerouslySetInnerHTML={{ __html: o.html }} />
                    {n === item.answerIndex ? <strong className="ml-2 text-success">(correct answer)</strong> : null}
                    <p className="ml-6 text-sm text-muted">
                      Rationale: <span dangerouslySetInnerHTML={{ __html: o.rationaleHtml }} />
                    </p>
                  </li>
                ))}
              </ol>
              {item.alreadyImported ? null : item.knowledgeArea ? (
                <p className="text-sm">Knowledge area: {item.knowledgeArea} (from the file)</p>
              ) : (
                <SelectField
                  wrapperClassName=""
                  name={`area-${item.index}`}
                  label={`Knowledge area${item.domainId ? ` (the file names domain ${item.domainId})` : ""}`}
                  defaultValue={v[`area-${item.index}`] ?? ""}
                  errors={err(`area-${item.index}`)}
                >
                  <option value="">Choose…</option>
                  {areas.map((d) => (
                    <optgroup key={d.domain} label={d.domain}>
                      {d.areas
                        .filter((a) => !item.domainId || a.id.startsWith(item.domainId))
                        .map((a) => (
                          <option key={a.id} value={a.id}>
                            {a.id} {a.title}
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </SelectField>
              )}
            </li>
          ))}
        </ol>
        {fresh.length ? (
          <fieldset className="card space-y-2">
            <legend className="px-1 font-semibold">For every imported question</legend>
            <div className="grid gap-4 sm:grid-cols-3">
              <SelectField
                wrapperClassName=""
                name="difficulty"
                label={BATCH_LABELS.difficulty}
                defaultValue={v.difficulty ?? "2"}
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
                label={BATCH_LABELS.cognitive}
                defaultValue={v.cognitive ?? "recall"}
                errors={err("cognitive")}
                options={[
                  { value: "recall", label: "Recall (a fact or definition)" },
                  { value: "application", label: "Application (a situation to handle)" },
                ]}
              />
            </div>
            <TextField
              name="referenceTitle"
              label={BATCH_LABELS.referenceTitle}
              hint="The source that backs the answers (every Charted question names one)."
              defaultValue={v.referenceTitle ?? ""}
              errors={err("referenceTitle")}
            />
            <TextField
              name="referencePublisher"
              label={BATCH_LABELS.referencePublisher}
              defaultValue={v.referencePublisher ?? ""}
              errors={err("referencePublisher")}
            />
            <TextField
              name="referenceUrl"
              label={BATCH_LABELS.referenceUrl}
              defaultValue={v.referenceUrl ?? ""}
              errors={err("referenceUrl")}
            />
            <Button name="intent" value="confirm">
              Import {fresh.length} question{fresh.length === 1 ? "" : "s"}
            </Button>
          </fieldset>
        ) : (
          <p>There is nothing new to import in this file.</p>
        )}
      </Form>
      <Link to="/classes/questions/import" reloadDocument>
        Start again with another file
      </Link>
    </>
  );
}

function Done({
  created,
  alreadyImported,
  refused,
}: {
  created: number;
  alreadyImported: number;
  refused: ImportProblem[];
}) {
  return (
    <>
      <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
        Imported {created} question{created === 1 ? "" : "s"}
        {alreadyImported ? `; ${alreadyImported} already imported` : ""}. {refused.length} could not be saved:
      </p>
      <ul className="list-disc space-y-1 pl-6">
        {refused.map((p, i) => (
          <li key={i}>
            <strong>{p.where}</strong>: {p.message}
          </li>
        ))}
      </ul>
      <Link to="/classes/questions">Back to My questions</Link>
    </>
  );
}
