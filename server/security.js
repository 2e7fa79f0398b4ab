// HTTP hardening shared by the dev and production server: security headers (helmet) with a
// per-request CSP nonce, and refusal of cross-origin mutating requests (CSRF defence on top
// of SameSite=Lax cookies).
import crypto from "node:crypto";
import helmet from "helmet";
import { posix, sep } from "node:path";

// The LTI deep linking response page posts a form back to the LMS: the one page whose forms may leave.
const DEEP_LINK_PATH = "/lti/deep-link";

// Single-fetch data (the `.data` URLs fetchers and navigations load) is never a document: it
// gets a fixed policy that allows nothing, so no nonce is made and no page policy is built for it
// (2% of a rating's server time).
const isDataRequest = (req) => req.path.endsWith(".data");

/**
 * Security headers, with a fresh CSP nonce per page (res.locals.cspNonce).
 * @param {{ production: boolean }} options
 * @returns {import("express").RequestHandler}
 */
export function securityHeaders({ production }) {
  const common = {
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: /** @type {const} */ ("strict-origin-when-cross-origin") },
    strictTransportSecurity: production && process.env.COOKIE_SECURE !== "false",
  };
  const pageHeaders = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      // Vite's dev client injects inline scripts and a websocket: enforce in production,
      // report-only in development so problems still show up in the console.
      reportOnly: !production,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'strict-dynamic'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": production ? ["'self'"] : ["'self'", "ws:", "wss:"],
        // The offline review service worker (public/sw.js) and the installable app's manifest.
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        // The deep linking response is a form the browser posts back to the LMS.
        "form-action": [
          (req) => (req.path === DEEP_LINK_PATH ? "'self' https: http://localhost:* http://127.0.0.1:*" : "'self'"),
        ],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": null,
      },
    },
  });
  const dataHeaders = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      reportOnly: !production,
      directives: { "default-src": ["'none'"], "frame-ancestors": ["'none'"] },
    },
  });
  return (req, res, next) => {
    if (isDataRequest(req)) return dataHeaders(req, res, next);
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    pageHeaders(req, res, next);
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// LTI 1.3 login initiation and launch arrive as cross-site POSTs from the LMS by design; the
// signed id_token, the state and the nonce authenticate them, not cookies.
const CROSS_SITE_PATHS = new Set(["/lti/login", "/lti/launch"]);

/**
 * Refuses POST/PUT/PATCH/DELETE whose Origin is another site. Browsers send Origin on every
 * such request; requests without it (curl, old clients) carry no ambient browser cookies risk
 * beyond SameSite=Lax, and are checked by Sec-Fetch-Site when present. With a configured public
 * URL (APP_URL) the Origin must match its scheme and host exactly; otherwise its host must
 * match the request's Host.
 * @param {{ trustProxy: boolean, appUrl?: URL }} options
 */
export function refuseCrossOrigin({ trustProxy, appUrl }) {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || CROSS_SITE_PATHS.has(req.path)) return next();
    const origin = req.get("origin");
    const host = (trustProxy && req.get("x-forwarded-host")) || req.get("host");
    let sameOrigin;
    if (origin && origin !== "null") {
      try {
        const from = new URL(origin);
        sameOrigin = appUrl ? from.origin === appUrl.origin : from.host === host;
      } catch {
        sameOrigin = false;
      }
    } else if (origin === "null") {
      sameOrigin = false;
    } else {
      const site = req.get("sec-fetch-site");
      sameOrigin = !site || site === "same-origin" || site === "none";
    }
    if (sameOrigin) return next();
    res
      .status(403)
      .type("text/plain")
      .send("Cross-origin request refused: this form must be sent from Charted itself.");
  };
}

/**
 * TRUST_PROXY: how many proxies stand in front of the app. "true" means one; a number means
 * that many; anything else none.
 * @param {string | undefined} value
 */
export function trustedProxyHops(value) {
  if (value === "true") return 1;
  if (value && /^\d{1,2}$/.test(value)) return Number(value);
  return 0;
}

// Files no server mode may serve: the database and its WAL (live sessions), secrets, source
// of the server side, tests. Vite's dev middleware serves the project root, so it is filtered.
const PRIVATE_SEGMENT =
  /^(data|prisma|scripts|tests|reports|bench|server|\.git|node_modules\/\.prisma)$|^\.env|\.(db|sqlite|sqlite3)(-wal|-shm|-journal)?$|^(package(-lock)?\.json|server\.js|\.npmrc)$/i;

/** Dev only: refuses paths into the project that are not app code or public assets. */
export function servesOnlyPublicFiles(req, res, next) {
  let path;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return res.status(400).type("text/plain").send("That address is not valid.");
  }
  // Vite serves absolute paths under /@fs/; judge them relative to the project.
  if (path.startsWith("/@fs/")) {
    const absolute = posix.normalize(path.slice(4));
    const root = process.cwd().split(sep).join("/");
    if (!absolute.startsWith(`${root}/`)) return refusePath(res);
    path = absolute.slice(root.length);
  }
  const segments = posix.normalize(path).split("/").filter(Boolean);
  if (segments.some((segment) => PRIVATE_SEGMENT.test(segment)) || /\0|\\/.test(path)) return refusePath(res);
  next();
}

function refusePath(res) {
  res.status(404).type("text/plain").send("Not found.");
}
