// Who may import and export questions: the routes called as each kind of visitor would call them.
import { describe, expect, it } from "vitest";
import { makeUser } from "../factories/users.ts";
import { confirmImport } from "~/authoring/import.server.ts";
import { parseGift } from "~/authoring/formats/gift.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import * as importRoute from "~/routes/classes.questions.import.tsx";
import * as exportRoute from "~/routes/classes.questions.export.ts";
import { BODY_LIMITS, bodyLimitFor } from "../../server/request-body.js";

const GIFT = `::Mine::Which claim form do physician offices use for professional services billed to Medicare? {
  =CMS-1500#It is the professional claim form.
  ~UB-04#That is the institutional claim form.
  ~W-2#That is a tax form for wages.
  ~I-9#That is an employment eligibility form.
}`;

function request(path: string, cookie: string | null, body?: FormData) {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie.split(";")[0]);
  return new Request(`http://localhost${path}`, { method: body ? "POST" : "GET", headers, body });
}

async function outcome(run: () => Promise<unknown>) {
  try {
    const result = await run();
    return result instanceof Response && result.status === 302
      ? `redirect ${result.headers.get("Location")}`
      : "allowed";
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status === 302) return thrown.headers.get("Location")?.startsWith("/login") ? "login" : "redirect";
    return thrown.status;
  }
}

const args = (req: Request) => ({ request: req, params: {}, context: { clientIp: "127.0.0.1" } });

describe("question import and export routes", () => {
  it("are for instructors: anonymous visitors log in, students are refused", async () => {
    const student = await startSession((await makeUser({ role: "student" })).id);
    const instructor = await startSession((await makeUser({ role: "instructor" })).id);
    const form = () => {
      const f = new FormData();
      f.set("text", GIFT);
      f.set("format", "gift");
      return f;
    };
    for (const [cookie, expected] of [
      [null, "login"],
      [student, 403],
      [instructor, "allowed"],
    ] as const) {
      expect(await outcome(() => importRoute.loader(args(request("/classes/questions/import", cookie))))).toBe(
        expected,
      );
      expect(await outcome(() => importRoute.action(args(request("/classes/questions/import", cookie, form()))))).toBe(
        expected,
      );
    }
    expect(await outcome(() => exportRoute.loader(args(request("/classes/questions/export", null))))).toBe("login");
    expect(await outcome(() => exportRoute.loader(args(request("/classes/questions/export", student))))).toBe(403);
  });

  it("previewing through the route saves nothing; confirming saves", async () => {
    const user = await makeUser({ role: "instructor" });
    const cookie = await startSession(user.id);
    const preview = new FormData();
    preview.set("file", new File([GIFT], "mine.gift", { type: "text/plain" }));
    preview.set("format", "auto");
    preview.set("intent", "preview");
    await importRoute.action(args(request("/classes/questions/import", cookie, preview)));
    expect(await db.question.count({ where: { authorId: user.id } })).toBe(0);

    const confirm = new FormData();
    for (const [k, v] of Object.entries({
      text: GIFT,
      format: "gift",
      intent: "confirm",
      "area-0": "BIL.K01",
      difficulty: "2",
      cognitive: "recall",
      referenceTitle: "Medicare Claims Processing Manual",
      referencePublisher: "CMS",
      referenceUrl: "",
    }))
      confirm.set(k, v);
    const done = await importRoute.action(args(request("/classes/questions/import", cookie, confirm)));
    expect(done instanceof Response && done.headers.get("Location")).toBe("/classes/questions?imported=1&already=0");
    expect(await db.question.count({ where: { authorId: user.id } })).toBe(1);
  });

  it("export gives each instructor only their own questions", async () => {
    const owner = await makeUser({ role: "instructor" });
    const other = await makeUser({ role: "instructor" });
    await confirmImport(
      owner,
      GIFT,
      "gift",
      { difficulty: 1, cognitive: "recall", reference: { title: "Manual", publisher: "CMS" } },
      { 0: "BIL.K01" },
    );
    const [mine] = await db.question.findMany({ where: { authorId: owner.id }, select: { id: true } });

    const own = await exportRoute.loader(
      args(request("/classes/questions/export?format=gift&scope=all", await startSession(owner.id))),
    );
    expect(own.headers.get("Content-Disposition")).toBe('attachment; filename="charted-questions.gift.txt"');
    expect(parseGift(await own.text()).questions.map((q) => q.title)).toEqual([mine.id]);

    const theirs = await exportRoute.loader(
      args(request(`/classes/questions/export?format=xml&scope=selected&id=${mine.id}`, await startSession(other.id))),
    );
    expect(theirs.status).toBe(302);
    expect(theirs.headers.get("Location")).toBe("/classes/questions?export=empty");
  });

  it("only the import route gets a larger body limit", () => {
    expect(bodyLimitFor("/classes/questions/import")).toBe(2 * 1024 * 1024);
    expect(bodyLimitFor("/classes/questions/import/")).toBe(2 * 1024 * 1024);
    expect(bodyLimitFor("/classes/questions/new")).toBe(BODY_LIMITS.default);
    expect(bodyLimitFor("/classes/questions/import/extra")).toBe(BODY_LIMITS.default);
  });
});
