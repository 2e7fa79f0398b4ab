// Request bodies are read here, before anything parses them: each is capped (413 past the
// cap, on every route, signed in or not), so a flood of huge posts costs a few KiB each, and
// form text a database would refuse is answered with 400 before it reaches an action.

const KiB = 1024;

/** Ordinary forms are small; a route that needs more (an upload) gets its own entry here. */
export const BODY_LIMITS = {
  default: 64 * KiB,
  /** @type {{ path: RegExp, bytes: number }[]} */
  routes: [
    // Question import: a GIFT or Moodle XML file of up to 1 MiB (checked again by the action),
    // posted as multipart, and posted again as text to confirm.
    { path: /^\/classes\/questions\/import\/?$/, bytes: 2 * 1024 * KiB },
  ],
};

/** @param {string} path */
export function bodyLimitFor(path) {
  return BODY_LIMITS.routes.find((r) => r.path.test(path))?.bytes ?? BODY_LIMITS.default;
}

export class BodyTooLargeError extends Error {
  /** @param {number} limit */
  constructor(limit) {
    super(`Request body over ${limit} bytes`);
    this.limit = limit;
  }
}

/**
 * Reads the whole body, refusing it as soon as it passes `limit` bytes (by Content-Length up
 * front, or by counting a chunked stream), without buffering more than the limit.
 * @param {import("node:http").IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer>}
 */
export function readBody(req, limit) {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    const onData = (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (/** @type {Error} */ error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

// NUL (PostgreSQL refuses it in text) and the other C0 controls but tab, newline and carriage
// return; lone surrogates cannot arrive: decoding turns bad UTF-8 into U+FFFD.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const REFUSED_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/**
 * True when the body holds text Charted cannot store: in a urlencoded or multipart form field,
 * or in a JSON string. (Files in a multipart upload are bytes and are not checked.)
 * @param {string | undefined} contentType
 * @param {Buffer} body
 */
export async function hasRefusedText(contentType, body) {
  const type = (contentType ?? "").toLowerCase();
  /** @type {Iterable<[string, unknown]>} */
  let fields = [];
  if (type.startsWith("application/x-www-form-urlencoded")) {
    fields = new URLSearchParams(body.toString("utf8"));
  } else if (type.startsWith("multipart/form-data")) {
    try {
      fields = await new Response(body, { headers: { "content-type": contentType ?? "" } }).formData();
    } catch {
      return false; // malformed: the action's own parsing answers it
    }
  } else if (type.startsWith("application/json") || type.startsWith("text/")) {
    return REFUSED_TEXT.test(jsonText(body));
  }
  for (const [key, value] of fields) {
    if (REFUSED_TEXT.test(key) || (typeof value === "string" && REFUSED_TEXT.test(value))) return true;
  }
  return false;
}

/** @param {Buffer} body The text a JSON body holds, with its escapes (`\\u0000`) decoded. */
function jsonText(body) {
  const text = body.toString("utf8");
  try {
    /** @type {string[]} */
    const strings = [];
    JSON.parse(text, (key, value) => {
      strings.push(key);
      if (typeof value === "string") strings.push(value);
      return value;
    });
    return strings.join("\n");
  } catch {
    return text;
  }
}
