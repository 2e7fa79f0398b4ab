// The fixed fields of a production Remix build with single fetch, for tests that hand the server
// runtime a build of their own routes and entry.
export const singleFetchBuild = {
  mode: "production",
  future: { v3_singleFetch: true },
  basename: undefined,
  publicPath: "/",
  assetsBuildDirectory: "build/client",
  isSpaMode: false,
};
