import type { instructorHome } from "~/home/instructor.server.ts";
import { SignedInIntro } from "./signed-in-home.tsx";

export function InstructorHome({ data }: { data: Awaited<ReturnType<typeof instructorHome>> }) {
  return (
    <div className="space-y-8">
      <SignedInIntro name={data.name} />
    </div>
  );
}
