// A vitest reporter for `npm test`: counts passed, failed and skipped tests per project (sqlite,
// postgres) into VITEST_COUNTS_FILE. Vitest's JSON report cannot tell the projects apart (a
// server test file runs in both under the same name).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";
import { VITEST_COUNTS_FILE } from "./test-summary.mjs";

export default class VitestCountsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const projects: Record<string, { passed: number; failed: number; skipped: number }> = {};
    for (const module of modules) {
      const counts = (projects[module.project.name] ??= { passed: 0, failed: 0, skipped: 0 });
      for (const test of module.children.allTests()) {
        const { state } = test.result();
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else if (state === "skipped") counts.skipped++;
      }
      // A file that failed before its tests ran (an import or a setup error) is one failure.
      if (module.errors().length > 0) counts.failed++;
    }
    mkdirSync(path.dirname(VITEST_COUNTS_FILE), { recursive: true });
    writeFileSync(VITEST_COUNTS_FILE, JSON.stringify({ projects }, null, 2));
  }
}
