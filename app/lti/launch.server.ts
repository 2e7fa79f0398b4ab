// What a verified launch does in Charted: the platform user becomes (or is linked to) a Charted
// account, the course becomes a class, and the resource link opens its assignment.
//
// Trust decision: a platform an admin registered vouches for its users' email addresses, so a
// first launch links to the Charted account with that address (the same person, now signed in
// through their LMS) and otherwise creates one. A platform that does not share emails cannot
// create accounts: there would be no address to recover the account by.
import { randomBytes } from "node:crypto";
import { hashPassword } from "~/auth/password.server.ts";
import { createClassFor, enrolStudent } from "~/classes/classes.server.ts";
import { findAssignment } from "~/models/assignment.server.ts";
import * as links from "~/models/lti-link.server.ts";
import { createUserIfFree, findUserByEmail } from "~/models/user.server.ts";
import { CLAIM, teachesInLaunch, type LaunchClaims } from "./claims.ts";
import { deepLinkRequestToken } from "./deep-linking.server.ts";
import type { VerifiedLaunch } from "./verify.server.ts";

export type AdmittedLaunch = { ok: true; userId: string; redirectTo: string } | { ok: false; message: string };

const refuse = (message: string) => ({ ok: false as const, message });

async function launchAccount(platformId: string, claims: LaunchClaims, teaches: boolean) {
  let account = (await links.linkedUser(platformId, claims.sub))?.user ?? null;
  if (!account) {
    if (!claims.email) return null;
    const email = claims.email.toLowerCase();
    const name =
      claims.name?.trim() || [claims.given_name, claims.family_name].filter(Boolean).join(" ").trim() || email;
    // No password anyone knows: the person signs in through their LMS, or sets one by "forgot password".
    account =
      (await findUserByEmail(email)) ??
      (await createUserIfFree({
        email,
        name: name.slice(0, 100),
        role: "student",
        passwordHash: await hashPassword(randomBytes(32).toString("base64url")),
      })) ??
      (await findUserByEmail(email));
    if (!account) return null;
    account = (await links.linkAccount(platformId, claims.sub, account.id)).user;
  }
  // Teaching in the LMS makes a student an instructor here; a launch never lowers a role.
  if (teaches && account.role === "student") account = await links.raiseRole(account.id, "instructor");
  return account;
}

async function launchClass(platformId: string, claims: LaunchClaims, user: { id: string }, teaches: boolean) {
  const context = claims[CLAIM.context];
  if (!context) return refuse("The learning platform did not say which course this launch is from.");
  let linked = await links.linkedContext(platformId, context.id);
  if (!linked) {
    if (!teaches) return refuse("Your instructor has not opened Charted from this course yet. Try again later.");
    const klass = await createClassFor(user.id, (context.title || context.label || "Course").slice(0, 100));
    await links.linkContext(platformId, context.id, klass.id, context.title ?? null);
    linked = await links.linkedContext(platformId, context.id);
    if (!linked) return refuse("The course could not be set up. Try again.");
  }
  const klass = linked.class;
  if (klass.archivedAt) return refuse("The Charted class of this course is archived.");
  if (teaches) {
    if (klass.instructorId !== user.id)
      return refuse("This course's Charted class belongs to another instructor: ask them to share it with you.");
  } else {
    const enrolled = await enrolStudent(klass, user.id);
    if (!enrolled.ok && enrolled.reason === "removed")
      return refuse("Your instructor removed you from this course's Charted class. Ask them to let you back in.");
  }
  return { ok: true as const, klass };
}

/** Assignment of the resource link: bound at its first launch from the deep-linked custom parameter. */
async function launchAssignment(platformId: string, claims: LaunchClaims, classId: string) {
  const resourceLink = claims[CLAIM.resourceLink];
  if (!resourceLink) return null;
  const lineItemUrl = claims[CLAIM.ags]?.lineitem ?? null;
  const linked = await links.linkedResource(platformId, resourceLink.id);
  if (linked) {
    if (linked.assignment.classId !== classId) return null;
    if (lineItemUrl && lineItemUrl !== linked.lineItemUrl)
      await links.saveResourceLink({
        platformId,
        resourceLinkId: resourceLink.id,
        assignmentId: linked.assignmentId,
        lineItemUrl,
      });
    return linked.assignment;
  }
  const assignmentId = claims[CLAIM.custom]?.assignment_id;
  if (typeof assignmentId !== "string" || assignmentId.length > 40) return null;
  const assignment = await findAssignment(assignmentId);
  // Only an assignment of this course's class: a custom parameter edited in the LMS cannot reach another.
  if (!assignment || assignment.class.id !== classId) return null;
  await links.saveResourceLink({ platformId, resourceLinkId: resourceLink.id, assignmentId, lineItemUrl });
  return assignment;
}

export async function admitLaunch({ platform, claims }: VerifiedLaunch): Promise<AdmittedLaunch> {
  const teaches = teachesInLaunch(claims[CLAIM.roles]);
  const user = await launchAccount(platform.id, claims, teaches);
  if (!user)
    return refuse(
      "Your learning platform did not share your email address, so Charted cannot set up your account. Ask its administrator to share names and emails with Charted.",
    );
  if (user.disabledAt) return refuse("Your Charted account is disabled.");
  const placed = await launchClass(platform.id, claims, user, teaches);
  if (!placed.ok) return placed;
  const { klass } = placed;
  if (claims[CLAIM.messageType] === "LtiDeepLinkingRequest") {
    const settings = claims[CLAIM.deepLinkingSettings];
    if (!teaches || !settings) return refuse("Only instructors can choose Charted content for a course.");
    const token = await deepLinkRequestToken({
      userId: user.id,
      platformId: platform.id,
      classId: klass.id,
      deploymentId: claims[CLAIM.deploymentId],
      returnUrl: settings.deep_link_return_url,
      data: settings.data ?? null,
    });
    return { ok: true, userId: user.id, redirectTo: `/lti/deep-link?${new URLSearchParams({ request: token })}` };
  }
  const assignment = await launchAssignment(platform.id, claims, klass.id);
  if (teaches) {
    const to = assignment ? `/classes/${klass.id}/assignments/${assignment.id}` : `/classes/${klass.id}`;
    return { ok: true, userId: user.id, redirectTo: to };
  }
  if (!assignment) return refuse("This link is not connected to a Charted assignment. Tell your instructor.");
  return { ok: true, userId: user.id, redirectTo: `/assignments/${assignment.id}` };
}
