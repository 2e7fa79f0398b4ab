import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Layers, one way down (docs/architecture.md): routes -> features -> app/models -> the Prisma
// client, with app/utils and app/content below everything. A wrong import fails lint.
const FEATURES = ["assignments", "auth", "authoring", "classes", "exam", "progress", "review"];
const folder = (name) => [`~/${name}/*`, `~/${name}/**`];
const layer = (files, forbidden, message) => ({
  files,
  ignores: ["**/*.test.ts", "**/*.test.tsx"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: forbidden.flatMap(folder), message },
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
    "Features do not know routes or components.",
  ),
  layer(
    ["app/components/**"],
    ["routes", "models"],
    "Components render in the browser: they get data from their route, not from models.",
  ),
);
