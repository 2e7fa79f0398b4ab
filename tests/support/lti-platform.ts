// A stand-in LTI 1.3 platform (an LMS) for the tests, on 127.0.0.1: its own RSA keys and JWKS,
// an authorization endpoint answering the tool's login redirect with a signed id_token in an
// auto-posting form, a token endpoint that checks the tool's client assertion against the
// TOOL's JWKS, and a scores endpoint that records what it is sent.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import {
  SignJWT,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
} from "jose";

export interface ReceivedScore {
  lineItemPath: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

export interface LaunchClaimsInput {
  sub: string;
  claims: Record<string, unknown>;
}

export interface TestPlatform {
  url: string;
  issuer: string;
  clientId: string;
  deploymentId: string;
  authLoginUrl: string;
  authTokenUrl: string;
  jwksUrl: string;
  scores: ReceivedScore[];
  tokenRequests: number;
  /** Signs an id_token as this platform (tests vary claims and options to forge bad ones). */
  signIdToken(
    payload: Record<string, unknown>,
    options?: { key?: CryptoKey; kid?: string; expiresIn?: string | number; issuedAt?: number },
  ): Promise<string>;
  /** What the next authorization request launches as. */
  nextLaunch: LaunchClaimsInput | null;
  stop(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => resolve(body));
  });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startTestPlatform(options: {
  clientId?: string;
  deploymentId?: string;
  /** The tool's public keys, to check its client assertions. */
  toolJwks: () => Promise<JSONWebKeySet>;
  /** The tool's OIDC login URL, for the browser journey's "open the tool" page (GET /start). */
  toolLoginUrl?: string;
}): Promise<TestPlatform> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const kid = randomUUID();
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }] };
  const issuedTokens = new Set<string>();
  let url = "";

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x");
    try {
      if (req.method === "GET" && path.pathname === "/start" && options.toolLoginUrl) {
        // The LMS's link to the tool: a form the browser posts cross-site to the tool's login URL.
        const fields = {
          iss: platform.issuer,
          client_id: platform.clientId,
          lti_deployment_id: platform.deploymentId,
          login_hint: platform.nextLaunch?.sub ?? "nobody",
          target_link_uri: options.toolLoginUrl.replace(/\/login$/, "/launch"),
          lti_message_hint: "e2e",
        };
        const inputs = Object.entries(fields)
          .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
          .join("");
        const page = `<!doctype html><html lang="en"><head><title>Test LMS course</title></head><body>
<h1>Test LMS course</h1><form method="post" action="${escapeHtml(options.toolLoginUrl)}">${inputs}
<button>Open Charted</button></form></body></html>`;
        res.writeHead(200, { "content-type": "text/html" }).end(page);
      } else if (req.method === "GET" && path.pathname === "/jwks") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(jwks));
      } else if (req.method === "GET" && path.pathname === "/auth") {
        const q = path.searchParams;
        const launch = platform.nextLaunch;
        if (
          !launch ||
          q.get("client_id") !== platform.clientId ||
          q.get("response_type") !== "id_token" ||
          q.get("response_mode") !== "form_post" ||
          q.get("scope") !== "openid" ||
          !q.get("state") ||
          !q.get("nonce") ||
          !q.get("redirect_uri")
        ) {
          res.writeHead(400).end("bad authorization request");
          return;
        }
        const idToken = await platform.signIdToken({ sub: launch.sub, nonce: q.get("nonce"), ...launch.claims });
        const page = `<!doctype html><html lang="en"><head><title>Test LMS</title></head><body>
<form id="launch" method="post" action="${escapeHtml(q.get("redirect_uri")!)}">
<input type="hidden" name="id_token" value="${escapeHtml(idToken)}">
<input type="hidden" name="state" value="${escapeHtml(q.get("state")!)}">
<button>Continue to the tool</button></form>
<script>document.getElementById("launch").submit()</script></body></html>`;
        res.writeHead(200, { "content-type": "text/html" }).end(page);
      } else if (req.method === "POST" && path.pathname === "/token") {
        const form = new URLSearchParams(await readBody(req));
        if (
          form.get("grant_type") !== "client_credentials" ||
          form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        ) {
          res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid_request"}');
          return;
        }
        try {
          await jwtVerify(form.get("client_assertion") ?? "", createLocalJWKSet(await options.toolJwks()), {
            issuer: platform.clientId,
            subject: platform.clientId,
            audience: platform.authTokenUrl,
            algorithms: ["RS256"],
            requiredClaims: ["jti", "exp", "iat"],
          });
        } catch {
          res.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_client"}');
          return;
        }
        platform.tokenRequests += 1;
        const token = randomUUID();
        issuedTokens.add(token);
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(
            JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 3600, scope: form.get("scope") }),
          );
      } else if (req.method === "POST" && path.pathname.endsWith("/scores")) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        if (!bearer || !issuedTokens.has(bearer)) {
          res.writeHead(401).end();
          return;
        }
        platform.scores.push({
          lineItemPath: path.pathname.slice(0, -"/scores".length),
          contentType: req.headers["content-type"],
          body: JSON.parse(await readBody(req)) as Record<string, unknown>,
        });
        res.writeHead(204).end();
      } else {
        res.writeHead(404).end();
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const platform: TestPlatform = {
    url,
    issuer: url,
    clientId: options.clientId ?? "charted-test-client",
    deploymentId: options.deploymentId ?? "deployment-1",
    authLoginUrl: `${url}/auth`,
    authTokenUrl: `${url}/token`,
    jwksUrl: `${url}/jwks`,
    scores: [],
    tokenRequests: 0,
    nextLaunch: null,
    async signIdToken(payload, signing = {}) {
      const jwt = new SignJWT({ ...payload })
        .setProtectedHeader({ alg: "RS256", kid: signing.kid ?? kid, typ: "JWT" })
        .setIssuedAt(signing.issuedAt)
        .setExpirationTime(signing.expiresIn ?? "5m");
      if (!("iss" in payload)) jwt.setIssuer(platform.issuer);
      if (!("aud" in payload)) jwt.setAudience(platform.clientId);
      return jwt.sign(signing.key ?? privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return platform;
}
