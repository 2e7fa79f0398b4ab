// Charted's HTTP server: Express around the Remix request handler, in development (Vite
// middleware, HMR) and production (the built app) alike, so both get the same security layer.
// First import: .env settings are in process.env before any module reads them.
import "./scripts/lib/env.mjs";
import cluster from "node:cluster";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import { whenBuiltFile } from "./server/public-files.js";
import { createRequestHandler } from "./server/remix-handler.js";
import { refuseCrossOrigin, securityHeaders, servesOnlyPublicFiles, trustedProxyHops } from "./server/security.js";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
// Loopback unless HOST says otherwise: a dev server or a quickstart is not for the network.
const host = process.env.HOST ?? "127.0.0.1";
// Number of proxies in front of the app (TRUST_PROXY=true means one); 0 = none.
const proxyHops = trustedProxyHops(process.env.TRUST_PROXY);
const appUrl = process.env.APP_URL ? new URL(process.env.APP_URL) : undefined;

// WEB_CONCURRENCY > 1 forks that many workers sharing the port (one per core is typical). All
// state lives in the database, so workers need no coordination; SQLite serializes writes (WAL).
const workers = production ? Number(process.env.WEB_CONCURRENCY ?? 1) : 1;
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (signal !== "SIGTERM" && code !== 0) {
      console.error(`worker ${worker.process.pid} died (${signal ?? code}); starting another`);
      cluster.fork();
    }
  });
  console.log(
    `Charted is running at http://${host === "0.0.0.0" ? "localhost" : host}:${port} (production, ${workers} workers)`,
  );
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
      setTimeout(() => process.exit(0), 5000).unref();
      cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
    });
  }
} else {
  await startServer();
}

async function startServer() {
  const viteDevServer = production
    ? undefined
    : await import("vite").then((vite) =>
        vite.createServer({
          // HMR_PORT moves the hot-reload socket off Vite's default (24678) when two dev servers run.
          server: {
            middlewareMode: true,
            hmr: process.env.HMR_PORT ? { port: Number(process.env.HMR_PORT) } : undefined,
          },
        }),
      );

  const app = express();
  app.disable("x-powered-by");
  // Express then reads the client address hops from the right of X-Forwarded-For: a client
  // cannot choose its own by sending a left-most value.
  if (proxyHops > 0) app.set("trust proxy", proxyHops);

  app.use(securityHeaders({ production }));
  app.use(refuseCrossOrigin({ trustProxy: proxyHops > 0, appUrl }));

  if (viteDevServer) {
    // Vite's dev server would serve any file under the project (the database, its WAL with live
    // sessions, .env): only app code and public assets pass.
    app.use(servesOnlyPublicFiles);
    app.use(viteDevServer.middlewares);
  } else {
    // Brotli or gzip copies written at build time (scripts/compress-assets.mjs) when the browser
    // accepts them; hashed asset names never change content, so browsers keep them a year.
    const precompressed = (root, serveStatic) =>
      expressStaticGzip(root, { enableBrotli: true, orderPreference: ["br", "gz"], serveStatic });
    const publicFiles = express.Router();
    publicFiles.use("/assets", precompressed("build/client/assets", { immutable: true, maxAge: "1y" }));
    publicFiles.use(precompressed("build/client", { maxAge: "1h" }));
    app.use(whenBuiltFile("build/client", publicFiles));
  }

  app.all(
    "*",
    createRequestHandler({
      build: viteDevServer
        ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build")
        : await import("./build/server/index.js"),
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" }),
      // PostgreSQL answers over the network: let the connection pool's worth of requests wait on it.
      maxInFlight: Number(process.env.MAX_IN_FLIGHT ?? (process.env.DATABASE_URL?.startsWith("postgres") ? 24 : 8)),
    }),
  );

  const server = app.listen(port, host, () => {
    const shown = host === "0.0.0.0" ? "localhost" : host;
    if (cluster.isPrimary)
      console.log(`Charted is running at http://${shown}:${port} (${production ? "production" : "development"})`);
  });

  // Idle keep-alive connections outlive the client's and a load balancer's (60 s is common), so a
  // client never reuses a connection the server is closing at that moment ("other side closed").
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  // Finish in-flight requests on shutdown (deploys, Ctrl-C).
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
}
