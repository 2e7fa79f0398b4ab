// Server-side form parsing with zod: field errors keyed by field name for the form to show
// next to each input, and the submitted values (minus secrets) to refill it.
import type { z } from "zod";
import "./zod-messages.ts";

export interface FormFailure {
  ok: false;
  fieldErrors: Record<string, string[]>;
  formError?: string;
  values: Record<string, string>;
}

export type FormResult<T> = { ok: true; data: T } | FormFailure;

const SECRET_FIELDS = /password/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !SECRET_FIELDS.test(key)) values[key] = value;
  }
  return values;
}

export function parseFormData<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.infer<S>> {
  return parseInput(Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")), schema, formData);
}

/** Like parseFormData, for input already shaped from the form (e.g. repeated checkboxes as arrays). */
export function parseInput<S extends z.ZodType>(raw: unknown, schema: S, formData: FormData): FormResult<z.infer<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string[]> = {};
  let formError: string | undefined;
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    if (!key) formError = issue.message;
    else (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, fieldErrors, formError, values: formValues(formData) };
}

export function formFailure(
  formData: FormData,
  formError: string,
  fieldErrors: Record<string, string[]> = {},
): FormFailure {
  return { ok: false, fieldErrors, formError, values: formValues(formData) };
}
