// Which Chromium the end-to-end tests drive: CHROMIUM_PATH, Debian's /usr/bin/chromium, or the
// one `npx playwright install chromium` downloaded (on machines that can download it).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require("@playwright/test");
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // @playwright/test not installed yet, or no bundled browser.
  }
  return null;
}
