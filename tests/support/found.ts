// For tests: the successful result of a feature call, or a failed test that says what came back.
export function found<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected a result, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}
