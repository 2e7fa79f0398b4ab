import { expect, test, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { DEMO, expectAccessible, latestMail, linkIn, logIn, register, uniqueEmail } from "./helpers.ts";

const PASSWORD = "evening study plan 42";

/** The newest message to `to` in the server's outbox, waiting for the worker to write it. */
const newestMailTo = (to: string) => latestMail(to);

/** The invitation link in a message, as a path on the server under test. */
const invitationPath = (mail: ParsedMail) => linkIn(mail, "/invitations/accept");

async function createAccountFromInvitation(page: Page, button: string) {
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Type the password again").fill(PASSWORD);
  await page.getByRole("button", { name: button }).click();
}

test("an admin invites an instructor by email; the link creates their instructor account", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, DEMO.editor, DEMO.password);
  await admin.goto("/admin/invitations");
  await expect(admin.getByRole("heading", { level: 1, name: "Instructor invitations" })).toBeVisible();
  await expectAccessible(admin);
  const email = uniqueEmail("teacher");
  await admin.getByLabel("Email address").fill(email);
  await admin.getByLabel("Name (optional)").fill("Tara Teacher");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.getByRole("status")).toContainText(`The invitation to ${email} was sent.`);
  // Shown once, to copy: the same link as in the email.
  const shown = await admin.getByLabel("Invitation link").inputValue();
  await expect(admin.getByLabel("Email address")).toHaveValue("");
  await expect(admin.getByRole("button", { name: `Revoke the invitation to ${email}` })).toBeVisible();
  await expectAccessible(admin);

  const path = invitationPath(await newestMailTo(email));
  expect(shown).toContain(path);
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(path);
  await expect(invitee.getByRole("heading", { level: 1, name: "Become an instructor" })).toBeVisible();
  await expect(invitee.getByText(email, { exact: true })).toBeVisible();
  await expect(invitee.getByLabel("Your name")).toHaveValue("Tara Teacher");
  await expectAccessible(invitee);
  await createAccountFromInvitation(invitee, "Create account and accept");
  await expect(invitee.getByRole("status")).toContainText("Your account is now an instructor account");
  await expect(invitee.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Classes" })).toBeVisible();

  // The link is spent.
  await invitee.goto(path);
  await expect(invitee.getByRole("alert")).toContainText("This invitation has already been used.");
  await expectAccessible(invitee);
});

test("an instructor invites a new student from a roster; the student signs up through the email and is in the class", async ({
  browser,
}) => {
  const teacher = await (await browser.newContext()).newPage();
  await logIn(teacher, DEMO.instructor, DEMO.password);
  await teacher.goto("/classes");
  const className = `Roster ${Date.now()}`;
  await teacher.getByLabel("Class name").fill(className);
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: className })).toBeVisible();

  const email = uniqueEmail("rostered");
  await teacher.getByLabel("Paste a roster").fill(`Nia Newcomer, ${email}\nnot-an-address`);
  await teacher.getByRole("button", { name: "Invite students" }).click();
  await expect(teacher.getByRole("status")).toHaveText("Invited: 1 · Error: 1");
  // Sent once: the roster is cleared, so it is not sent twice by mistake.
  await expect(teacher.getByLabel("Paste a roster")).toHaveValue("");
  await expect(teacher.getByRole("row", { name: new RegExp(email) })).toContainText("Invited");
  await expect(teacher.getByRole("row", { name: /not-an-address/ })).toContainText("No email address on this line.");
  await expect(teacher.getByRole("button", { name: `Resend the invitation to ${email}` })).toBeVisible();
  await expectAccessible(teacher);

  const mail = await newestMailTo(email);
  expect(mail.subject).toContain(className);
  const student = await (await browser.newContext()).newPage();
  await student.goto(invitationPath(mail));
  await expect(student.getByRole("heading", { level: 1, name: `Join ${className}` })).toBeVisible();
  await expectAccessible(student);
  await createAccountFromInvitation(student, "Create account and join");
  await expect(student.getByRole("status")).toHaveText(`You joined ${className}.`);
  await expect(student.getByRole("heading", { name: "Classes you are in" })).toBeVisible();
  await expect(student.getByText(className, { exact: true })).toBeVisible();

  await teacher.reload();
  await expect(teacher.getByRole("heading", { name: "Roster (1)" })).toBeVisible();
  await expect(teacher.getByRole("rowheader", { name: /Nia Newcomer/ })).toBeVisible();
  await expect(teacher.getByRole("button", { name: `Resend the invitation to ${email}` })).toHaveCount(0);
});

test("a student asks for instructor access and an admin approves it", async ({ browser }) => {
  const student = await (await browser.newContext()).newPage();
  const name = `Quinn Requester ${Date.now()}`;
  await register(student, name, uniqueEmail("requester"));
  await student.goto("/join");
  await student.getByRole("link", { name: "Request instructor access" }).click();
  await expect(student.getByRole("heading", { level: 1, name: "Instructor access" })).toBeVisible();
  await student.getByRole("button", { name: "Send request" }).click();
  await expect(student.getByText(/Say why you need instructor access in at least 10 characters/)).toBeVisible();
  await student
    .getByLabel("Why do you need instructor access?")
    .fill("I teach the CMAA evening course at Lakeside College.");
  await student.getByRole("button", { name: "Send request" }).click();
  await expect(student.getByRole("status")).toContainText("Your request was sent.");
  await expect(student.getByText(/waiting for an administrator/)).toBeVisible();
  await expectAccessible(student);

  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, DEMO.editor, DEMO.password);
  await admin.goto("/admin/requests");
  await expectAccessible(admin);
  await admin.getByRole("button", { name: `Approve ${name}'s request` }).click();
  await expect(admin.getByRole("status")).toContainText(`${name}'s request was approved`);
  await expectAccessible(admin);

  await student.reload();
  await expect(student.getByText("Your account already has instructor access.")).toBeVisible();
  await expect(student.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Classes" })).toBeVisible();
});
