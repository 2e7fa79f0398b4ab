// The shared failure a feature returns when the thing asked for does not exist for this user
// (another instructor's class, another learner's attempt): never "forbidden", so nothing leaks.
// Routes turn it into a 404 with `orNotFound` (app/utils/http.server.ts).
export interface NotFound {
  ok: false;
  reason: "not-found";
  message: string;
}

export const notFound = (message: string): NotFound => ({ ok: false, reason: "not-found", message });
