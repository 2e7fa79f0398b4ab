import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, logIn } from "./helpers.ts";

// Each run's stems differ (a marker word), so a rerun against the same server imports afresh.
const marker = `run${Date.now().toString(36)}`;
const gift = `// A class's Moodle export
$CATEGORY: $course$/top/BIL/BIL.K01

::Claim form ${marker}::Which claim form does a physician office (${marker}) send for professional services? {
  =CMS-1500#It is the professional claim form.
  ~UB-04#That is the institutional claim form.
  ~W-2#That is a tax form for wages.
  ~I-9#That is an employment eligibility form.
}

::Colour::The sky is blue.{T}

$CATEGORY: $course$/top/Imported
::Unmapped ${marker}::During check-in (${marker}) which document proves a patient's insurance coverage today? {
  ~A utility bill#It proves an address, not coverage.
  =A current insurance card, verified with the payer#Eligibility is verified for the date of service.
  ~A driver's license#It proves identity, not coverage.
  ~Last year's explanation of benefits#It describes past claims, not current coverage.
}
`;

test("an instructor imports a GIFT file after a preview, and an exported XML file adds nothing when imported again", async ({
  page,
}) => {
  await logIn(page, DEMO.instructor, DEMO.password);
  await page.goto("/classes/questions");
  await page.getByRole("link", { name: "Import from Moodle (GIFT or XML)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import questions from Moodle" })).toBeVisible();
  await expectAccessible(page);

  await page
    .getByLabel("File")
    .setInputFiles({ name: "class.gift", mimeType: "text/plain", buffer: Buffer.from(gift) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status")).toContainText("Read as GIFT: 2 questions to import, 1 problem");
  await expect(page.getByText("line 11")).toBeVisible();
  await expect(page.getByText(/true\/false question/)).toBeVisible();
  await expect(page.getByText("(correct answer)")).toHaveCount(2);
  await expect(page.getByText("Knowledge area: BIL.K01 (from the file)")).toBeVisible();
  await expectAccessible(page);

  // Confirming without the required fields saves nothing and says what to fix.
  await page.getByRole("button", { name: "Import 2 questions" }).click();
  await expect(page.getByRole("alert")).toContainText("Nothing was imported");
  await page.getByLabel(/Knowledge area/).selectOption("BIL.K02");
  await page.getByLabel("Source title").fill("Medicare Claims Processing Manual");
  await page.getByLabel("Publisher").fill("CMS");
  await page.getByRole("button", { name: "Import 2 questions" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "My questions" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Imported 2 questions.");
  await expect(page.getByText(`Which claim form does a physician office (${marker})`)).toBeVisible();
  await expect(page.getByText(`During check-in (${marker})`)).toBeVisible();
  await expectAccessible(page);

  // Export all as Moodle XML, then import that file: nothing new.
  await page.getByLabel("Format").selectOption("xml");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export all" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("charted-questions.xml");
  const xml = readFileSync(await download.path(), "utf8");
  expect(xml).toContain(marker);

  await page.goto("/classes/questions/import");
  await page
    .getByLabel("File")
    .setInputFiles({ name: "export.xml", mimeType: "application/xml", buffer: Buffer.from(xml) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status")).toContainText("Read as Moodle XML: 0 questions to import");
  await expect(page.getByText("There is nothing new to import in this file.")).toBeVisible();
});
