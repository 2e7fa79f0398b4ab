// npm run db:seed: the content (question bank and cards, through content:sync). Idempotent.
// Demo accounts, whose password is published in the README, are an explicit opt-in:
// `npm run db:seed -- --demo` (or SEED_DEMO=1), used by quickstart and the e2e server only, so a
// PostgreSQL or production database never gets a known login by running the plain seed.
// Passwords are printed only outside production; in production they are random unless
// DEMO_PASSWORD is set.
import "./lib/env.mjs";
import { randomBytes } from "node:crypto";
import { hashPassword } from "../app/auth/password.server.ts";
import { savePreferences } from "../app/models/preferences.server.ts";
import { settleTables } from "../app/models/table-upkeep.server.ts";
import { db } from "../app/utils/db.server.ts";
import { syncContent } from "./lib/content-sync.ts";
import { addDemoHistory } from "./lib/demo-history.ts";

const production = process.env.NODE_ENV === "production";
const withDemo = process.argv.includes("--demo") || process.env.SEED_DEMO === "1";
// An empty DEMO_PASSWORD (a bare `DEMO_PASSWORD=` line in .env) counts as unset.
export const DEMO_PASSWORD =
  process.env.DEMO_PASSWORD || (production ? randomBytes(18).toString("base64url") : "charted-demo-2026");

export const DEMO_ACCOUNTS = [
  { email: "student@charted.test", name: "Dana Student", role: "student" },
  { email: "instructor@charted.test", name: "Ira Instructor", role: "instructor" },
  // A content editor: answers "Report a problem" reports (/reports/queue).
  { email: "editor@charted.test", name: "Eda Editor", role: "admin" },
] as const;

async function seedDemoAccounts() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The demo addresses (.test) receive no mail: they count as confirmed, so they can sign in even
  // with REQUIRE_EMAIL_VERIFICATION=true.
  const emailVerifiedAt = new Date();
  for (const account of DEMO_ACCOUNTS) {
    await db.user.upsert({
      where: { email: account.email },
      update: { passwordHash, role: account.role },
      // Demo accounts skip the first-visit onboarding: they open on their home.
      create: {
        ...account,
        passwordHash,
        timeZone: "America/New_York",
        onboardedAt: new Date(),
        preferences: { create: {} },
      },
    });
    await db.user.updateMany({ where: { email: account.email, emailVerifiedAt: null }, data: { emailVerifiedAt } });
  }
  // The demo student gets six weeks of study history and an exam date, so Progress has data.
  const student = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[0].email } });
  const started = Date.now();
  if (await addDemoHistory(student.id, student.timeZone)) {
    const exam = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await savePreferences(student.id, { examDate: new Date(`${exam}T00:00:00Z`) });
    console.log(`Demo student: six weeks of study history added (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  }
  if (production && !process.env.DEMO_PASSWORD) {
    console.log("Demo accounts created with random passwords (set DEMO_PASSWORD to choose one).");
  } else {
    console.log("Demo logins:");
    for (const account of DEMO_ACCOUNTS)
      console.log(`  ${account.role.padEnd(10)} ${account.email} / ${DEMO_PASSWORD}`);
  }
}

async function seed() {
  const report = await syncContent();
  console.log(report.summary);
  if (withDemo) await seedDemoAccounts();
  else console.log("No demo accounts (add --demo or SEED_DEMO=1 for the two demo logins).");
  // PostgreSQL: statistics and visibility now rather than whenever autovacuum gets to them.
  await settleTables({ vacuum: true });
}

await seed();
await db.$disconnect();
