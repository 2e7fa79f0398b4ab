// HTTP hardening shared by the dev and production server: security headers (helmet) with a
// per-request CSP nonce, and refusal of cross-origin mutating requests (CSRF defence on top
// of SameSite=Lax cookies).
import crypto from "node:crypto";
import helmet from "helmet";

/** @param {{ production: boolean }} options */
export function securityHeaders({ production }) {
  const nonce = (req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  };
  const headers = helmet({
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
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity: production && process.env.COOKIE_SECURE !== "false",
  });
  return [nonce, headers];
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses POST/PUT/PATCH/DELETE whose Origin is another site. Browsers send Origin on every
 * such request; requests without it (curl, old clients) carry no ambient browser cookies risk
 * beyond SameSite=Lax, and are checked by Sec-Fetch-Site when present.
 * @param {{ trustProxy: boolean }} options
 */
export function refuseCrossOrigin({ trustProxy }) {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const host = (trustProxy && req.get("x-forwarded-host")) || req.get("host");
    let sameOrigin;
    if (origin && origin !== "null") {
      try {
        sameOrigin = new URL(origin).host === host;
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
    res.status(403).type("text/plain").send("Cross-origin request refused: this form must be sent from Charted itself.");
  };
}
