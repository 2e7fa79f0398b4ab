import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [!process.env.VITEST && remix(remixConfig), tailwindcss(), tsconfigPaths()],
  server: {
    port: Number(process.env.PORT ?? 3000),
    // Second line of defence behind server/security.js: the database, its WAL and secrets are
    // never served by the dev server, even under /@fs/.
    fs: {
      strict: true,
      deny: [".env", ".env.*", "*.{crt,pem}", "**/.git/**", "**/data/**", "*.db", "*.db-*", "**/prisma/**"],
    },
  },
  build: { target: "es2022" },
});
