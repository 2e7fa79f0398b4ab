import { describe, expect, it } from "vitest";
import { spokenForm } from "./hear-it.tsx";

describe("what Hear it says", () => {
  it("says word parts without their hyphens and slashes, and other terms as written", () => {
    expect(spokenForm("-itis")).toBe("itis");
    expect(spokenForm("hyper-")).toBe("hyper");
    expect(spokenForm("cardi/o")).toBe("cardio");
    expect(spokenForm("Protected health information (PHI)")).toBe("Protected health information (PHI)");
    expect(spokenForm("X-ray")).toBe("X-ray");
  });
});
