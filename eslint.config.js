import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Layers, one way down (docs/architecture.md): routes -> features -> app/models -> the Prisma
// client, with app/utils and app/content below everything. A wrong import fails lint.
const FEATURES = [
  "account",
  "admin",
  "assignments",
  "auth",
  "authoring",
  "classes",
  "exam",
  "invitations",
  "progress",
  "review",
];
const FEATURE_MESSAGE = "Features do not know routes or components.";
const folder = (name) => [`~/${name}/*`, `~/${name}/**`];
// `also`: more [forbidden folders, message] pairs for the same files. A file matched by two of these
// configs gets only the later one's rule, so a narrower config repeats the wider one's folders.
const layer = (files, forbidden, message, also = []) => ({
  files,
  ignores: ["**/*.test.ts", "**/*.test.tsx"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: forbidden.flatMap(folder), message },
          ...also.map(([more, why]) => ({ group: more.flatMap(folder), message: why })),
          { group: ["../*"], message: "Import across folders with ~/." },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ["build/", "app/generated/", "node_modules/", "test-results/", "playwright-report/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  layer(
    ["app/models/**"],
    ["routes", "components", ...FEATURES],
    "app/models is below the features and routes: move the shared type or rule down into app/models or app/utils.",
  ),
  layer(
    ["app/utils/**", "app/content/**"],
    ["routes", "components", "models", ...FEATURES],
    "app/utils and app/content are the bottom layer.",
  ),
  layer(
    FEATURES.map((f) => `app/${f}/**`),
    ["routes", "components"],
    FEATURE_MESSAGE,
  ),
  // Features import each other one way only: assignments build on the exam engine (selection,
  // timing, grading, the key-release policy), never the reverse.
  layer(["app/exam/**"], ["routes", "components"], FEATURE_MESSAGE, [
    [
      ["assignments"],
      "app/assignments builds on app/exam, not the reverse: move the rule the exam needs into app/exam (key-release.ts holds the reveal policy).",
    ],
  ]),
  layer(
    ["app/components/**"],
    ["routes", "models"],
    "Components render in the browser: they get data from their route, not from models.",
  ),
);
