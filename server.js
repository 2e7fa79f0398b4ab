// Charted's HTTP server: Express around the Remix request handler, in development (Vite
// middleware, HMR) and production (the built app) alike, so both get the same security layer.
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import { refuseCrossOrigin, securityHeaders } from "./server/security.js";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "true";

const viteDevServer = production
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const app = express();
app.disable("x-powered-by");
if (trustProxy) app.set("trust proxy", true);

app.use(...securityHeaders({ production }));
app.use(refuseCrossOrigin({ trustProxy }));

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}

app.all(
  "*",
  createRequestHandler({
    build: viteDevServer
      ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build")
      : await import("./build/server/index.js"),
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" }),
  }),
);

const server = app.listen(port, host, () => {
  const shown = host === "0.0.0.0" ? "localhost" : host;
  console.log(`Charted is running at http://${shown}:${port} (${production ? "production" : "development"})`);
});

// Finish in-flight requests on shutdown (deploys, Ctrl-C).
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
