// The visitor's landing page (issue 19): what Charted does.
export async function landingHome(request: Request) {
  return { accountDeleted: new URL(request.url).searchParams.get("deleted") === "account" };
}
