// Invitations end to end below the browser: an admin's invitation reaches a real SMTP server,
// its link creates or upgrades an account once; rosters enrol, invite and report every line;
// requests for instructor access are approved or declined with an email and an audit entry.
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../tests/factories/users.ts";
import { startTestSmtp, type TestSmtp } from "../../tests/support/smtp.ts";
import { createClassFor, joinWithCode, removeStudent } from "~/classes/classes.server.ts";
import { jobHandlers, jobRetries } from "~/jobs/handlers.server.ts";
import { runNextJob } from "~/jobs/worker.server.ts";
import * as classRoute from "~/routes/classes.$id.tsx";
import * as acceptRoute from "~/routes/invitations.accept.tsx";
import { getUser, startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { acceptInvitationAs, acceptWithNewAccount, openInvitation } from "./accept.server.ts";
import { inviteRoster, resendClassInvitation, revokeClassInvitation } from "./class-invitations.server.ts";
import {
  instructorInvitations,
  inviteInstructor,
  revokeInstructorInvitation,
} from "./instructor-invitations.server.ts";
import { decideInstructorRequest, requestInstructorAccess } from "./requests.server.ts";
import { INVITATION_TTL_MS } from "./rules.ts";

let smtp: TestSmtp;
const savedSmtpUrl = process.env.SMTP_URL;

beforeAll(async () => {
  smtp = await startTestSmtp();
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtpUrl;
  await smtp.close();
});

/** Runs the job worker until the queue is empty: every queued message goes to the SMTP server. */
async function deliverMail() {
  for (let outcome; (outcome = await runNextJob(jobHandlers, "invitations-test", new Date(), jobRetries));) {
    expect(outcome).toMatchObject({ kind: "send-mail", status: "done" });
  }
}

/** The token of the invitation link in a message (the same link in both parts). */
function tokenIn(mail: ParsedMail) {
  const text = mail.text ?? "";
  const link = text.match(/https?:\/\/\S+\/invitations\/accept\?token=([A-Za-z0-9_-]+)/);
  if (!link) throw new Error(`no invitation link in: ${text}`);
  expect(mail.html || "").toContain(`/invitations/accept?token=${link[1]}`);
  return link[1]!;
}

let counter = 0;
const address = (tag: string) => `${tag}-${++counter}-${Date.now()}@example.test`;

async function mailTo(to: string) {
  await deliverMail();
  return smtp.waitFor(to, 5_000);
}

/** Calls a route action as a browser posting a form would, and what came back. */
async function post(
  action: typeof acceptRoute.action,
  path: string,
  fields: Record<string, string>,
  cookie?: string | null,
) {
  const headers = new Headers({ "User-Agent": "vitest" });
  if (cookie) headers.set("Cookie", cookie.split(";")[0]!);
  try {
    const result = await action({
      request: new Request(`http://localhost${path}`, { method: "POST", headers, body: new URLSearchParams(fields) }),
      params: {},
      context: { clientIp: "203.0.113.40" },
    });
    if (result instanceof Response) {
      return {
        status: result.status,
        location: result.headers.get("Location"),
        cookie: result.headers.get("Set-Cookie"),
      };
    }
    const init = (result as { init?: { status?: number } }).init;
    const body = "data" in (result as object) ? (result as { data: unknown }).data : result;
    return { status: init?.status ?? 200, body };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

const actorOf = (user: { id: string; email: string; name: string }) => ({
  id: user.id,
  email: user.email,
  name: user.name,
});

describe("instructor invitations", () => {
  it("emails the link; following it signed out creates a verified instructor account, once", async () => {
    const admin = await makeUser({ role: "admin", name: "Ada Admin" });
    const email = address("newteacher");
    const invited = await inviteInstructor(actorOf(admin), { email, name: "Tess Teacher" });
    expect(invited).toMatchObject({ ok: true, email, replaced: false });
    const mail = await mailTo(email);
    expect(mail.subject).toBe("You are invited to teach on Charted");
    expect(mail.text).toContain("Hello Tess Teacher,");
    expect(mail.text).toContain("Ada Admin, an administrator of Charted, invited you to become an instructor.");
    expect(mail.text).toContain("because an administrator invited this address to become an instructor");
    const token = tokenIn(mail);
    // The page showed the admin the same link; the table holds only its hash.
    expect(invited.ok && invited.url).toContain(token);
    expect(await db.invitation.count({ where: { tokenHash: token } })).toBe(0);

    expect(await openInvitation(token, null)).toMatchObject({
      ok: true,
      invitation: { kind: "instructor", email, name: "Tess Teacher" },
      accountExists: false,
    });
    const path = `/invitations/accept?token=${token}`;
    // Bad input changes nothing: a short password is refused next to its field.
    const short = await post(acceptRoute.action, path, {
      intent: "create-account",
      token,
      name: "Tess Teacher",
      password: "short",
      confirmPassword: "short",
    });
    expect(short).toMatchObject({ status: 400, body: { fieldErrors: { password: ["Use at least 10 characters."] } } });
    expect(await db.user.count({ where: { email } })).toBe(0);

    const created = await post(acceptRoute.action, path, {
      intent: "create-account",
      token,
      name: "Tess Teacher",
      password: "a long evening phrase",
      confirmPassword: "a long evening phrase",
      timeZone: "America/Chicago",
      // Ignored: the account is for the invited address only.
      email: "someone-else@example.test",
    });
    expect(created).toMatchObject({ status: 302, location: "/classes?welcome=instructor" });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    // Signed in as the new account.
    const signedIn = new Request("http://localhost/", { headers: { Cookie: created.cookie!.split(";")[0]! } });
    expect((await getUser(signedIn))?.id).toBe(user.id);
    expect(user).toMatchObject({ role: "instructor", name: "Tess Teacher", timeZone: "America/Chicago" });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await db.user.count({ where: { email: "someone-else@example.test" } })).toBe(0);
    expect(await db.invitation.findFirstOrThrow({ where: { email } })).toMatchObject({ acceptedById: user.id });
    expect(await db.auditEntry.findMany({ where: { targetLabel: email }, orderBy: { createdAt: "asc" } })).toEqual([
      expect.objectContaining({ action: "invitation.sent", actorId: admin.id, actorLabel: admin.email }),
      expect.objectContaining({ action: "invitation.accepted", actorId: user.id, targetId: user.id }),
    ]);

    // The link is used: a second click (or another browser) gets a clear message, nothing else.
    expect(await openInvitation(token, null)).toMatchObject({ ok: false, reason: "used" });
    const again = await post(acceptRoute.action, path, {
      intent: "create-account",
      token,
      name: "Someone",
      password: "another long phrase",
      confirmPassword: "another long phrase",
    });
    expect(again).toMatchObject({ status: 410, body: { alert: expect.stringMatching(/already been used/) } });
  });

  it("upgrades the signed-in student who accepts, whatever address the link went to; never lowers an admin", async () => {
    const admin = await makeUser({ role: "admin" });
    const student = await makeUser();
    const invitedAddress = address("other");
    const invited = await inviteInstructor(actorOf(admin), { email: invitedAddress, name: null });
    const token = tokenIn(await mailTo(invitedAddress));
    expect(invited.ok).toBe(true);

    const cookie = await startSession(student.id);
    const accepted = await post(
      acceptRoute.action,
      `/invitations/accept?token=${token}`,
      { intent: "accept", token },
      cookie,
    );
    expect(accepted).toMatchObject({ status: 302, location: "/classes?welcome=instructor" });
    const upgraded = await db.user.findUniqueOrThrow({ where: { id: student.id } });
    expect(upgraded.role).toBe("instructor");
    // The link proved the invited address, not this account's.
    expect(upgraded.emailVerifiedAt).toBeNull();

    // An admin who accepts stays an admin.
    const otherAdmin = await makeUser({ role: "admin" });
    const second = address("admin-invite");
    await inviteInstructor(actorOf(admin), { email: second, name: null });
    const adminToken = tokenIn(await mailTo(second));
    expect(await openInvitation(adminToken, otherAdmin)).toMatchObject({ standing: "already-instructor" });
    expect(await acceptInvitationAs(adminToken, otherAdmin)).toEqual({ ok: true, kind: "instructor", upgraded: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: otherAdmin.id } })).role).toBe("admin");
  });

  it("refuses used, expired, revoked and tampered links, and re-inviting revokes the older link", async () => {
    const admin = await makeUser({ role: "admin" });
    const student = await makeUser();
    const email = address("twice");
    await inviteInstructor(actorOf(admin), { email, name: null });
    const first = tokenIn(await mailTo(email));
    const reinvited = await inviteInstructor(actorOf(admin), { email, name: "Second Try" });
    expect(reinvited).toMatchObject({ ok: true, replaced: true });
    await deliverMail();
    const second = tokenIn(smtp.received.filter((m) => m.text?.includes("Hello Second Try,")).at(-1)!);
    expect(second).not.toBe(first);

    expect(await openInvitation(first, null)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await acceptInvitationAs(first, student)).toMatchObject({
      ok: false,
      reason: "revoked",
      message: expect.stringMatching(/withdrawn/),
    });
    const listed = await instructorInvitations("revoked", 1);
    expect(listed.invitations.map((i) => i.email)).toContain(email);
    const sent = await db.auditEntry.findMany({
      where: { action: "invitation.sent", targetLabel: email },
      orderBy: { createdAt: "asc" },
    });
    expect(sent.map((a) => JSON.parse(a.detail!))).toEqual([
      { kind: "instructor" },
      { kind: "instructor", name: "Second Try", replaced: 1 },
    ]);

    // Tampered: one character changed.
    const tampered = `${second.slice(0, -1)}${second.endsWith("A") ? "B" : "A"}`;
    expect(await acceptInvitationAs(tampered, student)).toMatchObject({ ok: false, reason: "unknown" });
    // Expired: 14 days later the link is dead.
    const later = new Date(Date.now() + INVITATION_TTL_MS + 60_000);
    expect(await acceptInvitationAs(second, student, later)).toMatchObject({ ok: false, reason: "expired" });
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("student");

    // Revoked by the admin (audited), then refused; revoking again says it is no longer pending.
    const pending = await db.invitation.findFirstOrThrow({ where: { email, revokedAt: null } });
    expect(await revokeInstructorInvitation(actorOf(admin), pending.id)).toEqual({ ok: true, email });
    expect(await revokeInstructorInvitation(actorOf(admin), pending.id)).toMatchObject({
      ok: false,
      reason: "not-pending",
    });
    expect(await acceptInvitationAs(second, student)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await db.auditEntry.count({ where: { action: "invitation.revoked", targetId: pending.id } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("student");

    // Two clicks on one live link: one wins.
    const race = address("race");
    await inviteInstructor(actorOf(admin), { email: race, name: null });
    const raceToken = tokenIn(await mailTo(race));
    const [a, b] = await Promise.all([makeUser(), makeUser()]);
    const outcomes = await Promise.all([acceptInvitationAs(raceToken, a), acceptInvitationAs(raceToken, b)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(await db.user.count({ where: { id: { in: [a.id, b.id] }, role: "instructor" } })).toBe(1);
  });

  it("does not invite an address that already has instructor access", async () => {
    const admin = await makeUser({ role: "admin" });
    const teacher = await makeUser({ role: "instructor" });
    expect(await inviteInstructor(actorOf(admin), { email: teacher.email, name: null })).toMatchObject({
      ok: false,
      reason: "already-instructor",
    });
    expect(await db.invitation.count({ where: { email: teacher.email } })).toBe(0);
  });

  it("asks a visitor whose address has an account to log in instead of creating another", async () => {
    const admin = await makeUser({ role: "admin" });
    const student = await makeUser();
    await inviteInstructor(actorOf(admin), { email: student.email, name: null });
    const token = tokenIn(await mailTo(student.email));
    expect(await openInvitation(token, null)).toMatchObject({ ok: true, accountExists: true });
    const tried = await post(acceptRoute.action, `/invitations/accept?token=${token}`, {
      intent: "create-account",
      token,
      name: "Copy",
      password: "a long evening phrase",
      confirmPassword: "a long evening phrase",
    });
    expect(tried).toMatchObject({ status: 409, body: { accountExists: true } });
    expect(await openInvitation(token, null)).toMatchObject({ ok: true });
  });
});

describe("class rosters", () => {
  async function setUpClass() {
    const instructor = await makeUser({ role: "instructor", name: "Ines Instructor" });
    const klass = await createClassFor(instructor.id, "Evening CMAA");
    const ref = { id: klass.id, name: "Evening CMAA", instructorId: instructor.id };
    return { instructor, klass: ref };
  }

  it("adds existing users, invites new addresses and reports members, removed students, duplicates and bad lines", async () => {
    const { instructor, klass } = await setUpClass();
    const existing = await makeUser({ name: "Eve Existing" });
    const member = await makeUser({ name: "Mo Member" });
    const removed = await makeUser({ name: "Rae Removed" });
    const code = (await db.class.findUniqueOrThrow({ where: { id: klass.id } })).joinCode;
    for (const user of [member, removed]) await joinWithCode(user.id, code, "10.0.0.9");
    await removeStudent(klass.id, removed.id);
    const newcomer = address("newcomer");
    const roster = [
      `Eve, ${existing.email.toUpperCase()}`,
      `Nia Newcomer, ${newcomer}`,
      `${member.email}`,
      `Rae, ${removed.email}`,
      `Nia again, ${newcomer}`,
      "Broken, broken@",
      `Me, ${instructor.email}`,
    ].join("\n");

    const result = await inviteRoster(instructor, klass, roster, { allowRemoved: false });
    if (!result.ok) throw new Error(result.message);
    expect(result.rows.map((r) => [r.line, r.outcome])).toEqual([
      [1, "added"],
      [2, "invited"],
      [3, "member"],
      [4, "removed"],
      [5, "error"],
      [6, "error"],
      [7, "error"],
    ]);
    expect(result.rows[4]!.message).toBe("The same address as line 2.");
    expect(result.counts).toMatchObject({ added: 1, invited: 1, member: 1, removed: 1, error: 3, pending: 0 });
    const members = await db.classMembership.findMany({ where: { classId: klass.id }, select: { userId: true } });
    expect(members.map((m) => m.userId).sort()).toEqual([existing.id, member.id].sort());

    const notice = await mailTo(existing.email);
    expect(notice.subject).toBe("You were added to Evening CMAA on Charted");
    expect(notice.text).toContain("Ines Instructor added you to the class “Evening CMAA”.");
    const invitation = await smtp.waitFor(newcomer, 5_000);
    expect(invitation.subject).toBe("Ines Instructor invited you to Evening CMAA on Charted");
    expect(invitation.text).toContain("Hello Nia Newcomer,");
    const token = tokenIn(invitation);
    // Nobody else was mailed: the member, the removed student, the bad lines.
    for (const to of [member.email, removed.email]) {
      expect(smtp.received.some((m) => m.text?.includes("Evening CMAA") && JSON.stringify(m.to).includes(to))).toBe(
        false,
      );
    }

    // Uploaded again: the pending invitation is reported, not sent twice.
    const again = await inviteRoster(instructor, klass, newcomer, { allowRemoved: false });
    expect(again).toMatchObject({ ok: true, rows: [{ outcome: "pending" }] });

    // Ticking "allow removed students back" adds them.
    const back = await inviteRoster(instructor, klass, removed.email, { allowRemoved: true });
    expect(back).toMatchObject({
      ok: true,
      rows: [{ outcome: "added", message: expect.stringMatching(/Added back/) }],
    });
    expect(await db.classRemoval.count({ where: { classId: klass.id, userId: removed.id } })).toBe(0);

    // The invited student signs up through the link and is in the class; the join code still works.
    const accepted = await acceptWithNewAccount(token, {
      name: "Nia Newcomer",
      password: "a long evening phrase",
      ip: "203.0.113.41",
    });
    expect(accepted).toMatchObject({ ok: true, accepted: { ok: true, kind: "class", classId: klass.id } });
    const nia = await db.user.findUniqueOrThrow({ where: { email: newcomer } });
    expect(nia.role).toBe("student");
    expect(nia.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await db.classMembership.count({ where: { classId: klass.id, userId: nia.id } })).toBe(1);
    const walkIn = await makeUser();
    expect(await joinWithCode(walkIn.id, code, "10.0.0.9")).toMatchObject({ ok: true });
  });

  it("resends with a new link (the old one dies) and revokes pending class invitations", async () => {
    const { instructor, klass } = await setUpClass();
    const email = address("resend");
    await inviteRoster(instructor, klass, email, { allowRemoved: false });
    const first = tokenIn(await mailTo(email));
    const invitation = await db.invitation.findFirstOrThrow({ where: { email } });
    // Another instructor's class cannot touch it.
    const other = await setUpClass();
    expect(await revokeClassInvitation(other.klass, invitation.id)).toMatchObject({ ok: false, reason: "not-found" });
    expect(await resendClassInvitation(other.instructor, other.klass, invitation.id)).toMatchObject({
      ok: false,
      reason: "not-found",
    });

    smtp.received.length = 0;
    expect(await resendClassInvitation(instructor, klass, invitation.id)).toEqual({ ok: true, email });
    const second = tokenIn(await mailTo(email));
    expect(second).not.toBe(first);
    expect(await openInvitation(first, null)).toMatchObject({ ok: false, reason: "unknown" });
    expect(await openInvitation(second, null)).toMatchObject({
      ok: true,
      invitation: { kind: "class", className: "Evening CMAA", instructorName: "Ines Instructor" },
    });

    expect(await revokeClassInvitation(klass, invitation.id)).toEqual({ ok: true, email });
    expect(await openInvitation(second, null)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("a removed student cannot use a class invitation to get back in; the instructor cannot join their own class", async () => {
    const { instructor, klass } = await setUpClass();
    const removed = await makeUser();
    const code = (await db.class.findUniqueOrThrow({ where: { id: klass.id } })).joinCode;
    await joinWithCode(removed.id, code, "10.0.0.9");
    await removeStudent(klass.id, removed.id);
    const email = address("forwarded");
    await inviteRoster(instructor, klass, email, { allowRemoved: false });
    const token = tokenIn(await mailTo(email));
    expect(await openInvitation(token, removed)).toMatchObject({ standing: "removed" });
    expect(await acceptInvitationAs(token, removed)).toMatchObject({ ok: false, reason: "removed" });
    expect(await acceptInvitationAs(token, instructor)).toMatchObject({ ok: false, reason: "teaches" });
    // Refusals do not spend the link.
    expect(await openInvitation(token, null)).toMatchObject({ ok: true });
  });

  it("the class page takes a CSV file upload and lists the outcome of every row; pasted and a file at once is refused", async () => {
    const { instructor, klass } = await setUpClass();
    const existing = await makeUser({ name: "Fay File" });
    const cookie = (await startSession(instructor.id)).split(";")[0]!;
    const upload = async (fields: Record<string, string>, csv?: string) => {
      const body = new FormData();
      for (const [key, value] of Object.entries(fields)) body.set(key, value);
      if (csv !== undefined) body.set("file", new File([csv], "roster.csv", { type: "text/csv" }));
      const result = await classRoute.action({
        request: new Request(`http://localhost/classes/${klass.id}`, { method: "POST", headers: { cookie }, body }),
        params: { id: klass.id },
        context: { clientIp: "203.0.113.42" },
      });
      return result as unknown as { data?: unknown; init?: { status: number }; roster?: unknown };
    };
    const newcomer = address("csv");
    const done = await upload(
      { intent: "invite-roster", roster: "" },
      `name,email\n"File, Fay",${existing.email}\nNew Person,${newcomer}\n,nobody@\n`,
    );
    expect(done.roster).toMatchObject({
      rows: [
        { line: 2, email: existing.email, outcome: "added" },
        { line: 3, email: newcomer, name: "New Person", outcome: "invited" },
        { line: 4, outcome: "error", message: "“nobody@” is not a valid email address." },
      ],
    });
    expect(await db.classMembership.count({ where: { classId: klass.id, userId: existing.id } })).toBe(1);

    const both = await upload({ intent: "invite-roster", roster: "x@example.test" }, "y@example.test");
    expect(both).toMatchObject({
      init: { status: 400 },
      data: { formError: "Paste a roster or choose a file, not both." },
    });
    const neither = await upload({ intent: "invite-roster", roster: "  " });
    expect(neither).toMatchObject({ init: { status: 400 }, data: { fieldErrors: { roster: [expect.any(String)] } } });
    expect(await db.invitation.count({ where: { email: { in: ["x@example.test", "y@example.test"] } } })).toBe(0);
  });

  it("refuses an unreadable or oversized roster as a whole", async () => {
    const { instructor, klass } = await setUpClass();
    const many = Array.from({ length: 201 }, (_, i) => `s${i}@example.test`).join("\n");
    expect(await inviteRoster(instructor, klass, many, { allowRemoved: false })).toEqual({
      ok: false,
      reason: "unreadable",
      message: "The roster has 201 rows: upload at most 200 at a time.",
    });
    expect(await db.invitation.count({ where: { classId: klass.id } })).toBe(0);
  });
});

describe("requests for instructor access", () => {
  it("approving makes the student an instructor, with an audit entry and an email", async () => {
    const admin = await makeUser({ role: "admin" });
    const student = await makeUser({ name: "Sam Student" });
    expect(await requestInstructorAccess(student, "I teach the CMAA evening course at Lakeside.")).toEqual({
      ok: true,
    });
    expect(await requestInstructorAccess(student, "Another note, sent twice.")).toMatchObject({
      ok: false,
      reason: "pending",
    });
    const request = await db.instructorRequest.findFirstOrThrow({ where: { userId: student.id } });
    expect(
      await decideInstructorRequest(actorOf(admin), { requestId: request.id, decision: "approved", reason: null }),
    ).toEqual({ ok: true, name: "Sam Student", decision: "approved" });
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("instructor");
    expect(await db.instructorRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "approved",
      decidedById: admin.id,
    });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "instructor-request.approved" } });
    expect(audit).toMatchObject({ actorId: admin.id, targetId: student.id, targetLabel: student.email });
    expect(JSON.parse(audit.detail!)).toMatchObject({ requestId: request.id, from: "student", to: "instructor" });
    const mail = await mailTo(student.email);
    expect(mail.subject).toBe("Your instructor access is ready");
    expect(mail.text).toContain("because you asked for instructor access on this account");
    // Decided once.
    expect(
      await decideInstructorRequest(actorOf(admin), { requestId: request.id, decision: "declined", reason: null }),
    ).toMatchObject({ ok: false, reason: "decided" });
    // Now an instructor: nothing more to ask for.
    const upgraded = { ...student, role: "instructor" as const };
    expect(await requestInstructorAccess(upgraded, "Please make me an instructor.")).toMatchObject({
      ok: false,
      reason: "already-instructor",
    });
  });

  it("declining keeps the role, tells the student why, and lets them ask again", async () => {
    const admin = await makeUser({ role: "admin" });
    const student = await makeUser({ name: "Dee Declined" });
    await requestInstructorAccess(student, "Let me in please, I want to see.");
    const request = await db.instructorRequest.findFirstOrThrow({ where: { userId: student.id } });
    expect(
      await decideInstructorRequest(actorOf(admin), {
        requestId: request.id,
        decision: "declined",
        reason: "Please tell us which school you teach for.",
      }),
    ).toEqual({ ok: true, name: "Dee Declined", decision: "declined" });
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("student");
    const audit = await db.auditEntry.findFirstOrThrow({
      where: { action: "instructor-request.declined", targetId: student.id },
    });
    expect(JSON.parse(audit.detail!)).toEqual({
      requestId: request.id,
      reason: "Please tell us which school you teach for.",
    });
    const mail = await mailTo(student.email);
    expect(mail.subject).toBe("Your request for instructor access");
    expect(mail.text).toContain("Their reason: Please tell us which school you teach for.");
    expect(await requestInstructorAccess(student, "I teach at Lakeside College, CMAA 101.")).toEqual({ ok: true });
    expect(
      await decideInstructorRequest(actorOf(admin), { requestId: "c".repeat(25), decision: "approved", reason: null }),
    ).toMatchObject({ ok: false, reason: "not-found" });
  });
});
