// "Request instructor access": a student sends a note; an admin approves (the account becomes
// an instructor) or declines (with an optional reason). Either way the student gets an email and
// the decision is in the audit log. One pending request per user at a time.
import { waitMessage } from "~/auth/rate-limit.ts";
import { reserve } from "~/auth/throttle.server.ts";
import { queueMail } from "~/mail/send.server.ts";
import { auditData } from "~/models/audit.server.ts";
import * as store from "~/models/instructor-request.server.ts";
import { absoluteUrl } from "~/utils/app-url.server.ts";
import { notFound, type NotFound } from "~/utils/results.ts";
import type { Role } from "~/utils/roles.ts";
import { requestDecisionMail } from "./messages.ts";
import { DECIDED_REQUESTS_SHOWN, PENDING_REQUESTS_SHOWN } from "./rules.ts";

export type { RequestDecision, RequestStatus } from "~/models/instructor-request.server.ts";

export type RequestAccessResult =
  { ok: true } | { ok: false; reason: "already-instructor" | "pending" | "rate-limited"; message: string };

export async function requestInstructorAccess(
  user: { id: string; role: Role },
  note: string,
  now = new Date(),
): Promise<RequestAccessResult> {
  if (user.role !== "student") {
    return { ok: false, reason: "already-instructor", message: "Your account already has instructor access." };
  }
  if (await store.hasPendingRequest(user.id)) {
    return {
      ok: false,
      reason: "pending",
      message: "You already have a request waiting for an administrator. You will get an email when it is decided.",
    };
  }
  const reservation = await reserve([{ throttle: "instructorRequests", subject: user.id }], now);
  if (!reservation.ok) {
    return { ok: false, reason: "rate-limited", message: waitMessage("requests", reservation.minutes) };
  }
  await store.createInstructorRequest(user.id, note, now);
  return { ok: true };
}

export function latestRequest(userId: string) {
  return store.latestRequestOf(userId);
}

export function requestQueue() {
  return store.requestQueue(PENDING_REQUESTS_SHOWN, DECIDED_REQUESTS_SHOWN);
}

export function findRequest(id: string) {
  return store.findRequest(id);
}

export type DecideResult =
  | { ok: true; name: string; decision: store.RequestDecision }
  | NotFound
  | { ok: false; reason: "decided"; message: string };

export async function decideInstructorRequest(
  admin: { id: string; email: string },
  input: { requestId: string; decision: store.RequestDecision; reason: string | null },
  now = new Date(),
): Promise<DecideResult> {
  const request = await store.findRequest(input.requestId);
  if (!request) return notFound("We could not find that request.");
  const alreadyDecided = {
    ok: false as const,
    reason: "decided" as const,
    message: "That request was already decided.",
  };
  if (request.status !== "pending") return alreadyDecided;
  const { user } = request;
  const newRole = input.decision === "approved" && user.role === "student" ? "instructor" : user.role;
  const decided = await store.decideRequest({
    id: request.id,
    decision: input.decision,
    decidedById: admin.id,
    now,
    audit: auditData(
      {
        actor: { id: admin.id, email: admin.email },
        action: input.decision === "approved" ? "instructor-request.approved" : "instructor-request.declined",
        target: { id: user.id, email: user.email },
        detail: {
          requestId: request.id,
          ...(input.decision === "approved" ? { from: user.role, to: newRole } : {}),
          ...(input.reason ? { reason: input.reason } : {}),
        },
      },
      now,
    ),
  });
  if (!decided) return alreadyDecided;
  await queueMail(
    requestDecisionMail({
      to: user.email,
      name: user.name,
      decision: input.decision,
      reason: input.reason,
      url: absoluteUrl(input.decision === "approved" ? "/classes" : "/instructor-access"),
    }),
    user.id,
  );
  return { ok: true, name: user.name, decision: input.decision };
}
