// Requests and responses whose body is already in memory.
//
// Node's Request and Response hold every body as a web ReadableStream. On Node 20 building one
// costs about 15 µs (its constructor makes the stream transferable to workers, which leaves it a
// slow object), and reading it back goes through a reader, chunk by chunk, a microtask at a
// time. A rating or an answer save is a form of a hundred bytes answered by a hundred bytes:
// that plumbing was a tenth of its server time. Here a body that is bytes stays bytes:
//
// - BufferedRequest: server/remix-handler.js reads every body under its cap before Remix sees
//   it (server/request-body.js), and hands the bytes on in one of these. Remix's `.data` action
//   asks it for its copy at the route's URL (WITH_URL, scripts/patches/) instead of building a
//   second Request around a stream.
// - BufferedResponse: a page or a `.data` answer, encoded whole. server/remix-handler.js writes
//   its bytes (BODY_BYTES) to the socket as they are.
//
// Each is built without a body and answers the body methods from the bytes; a standard Request
// or Response with the bytes is built only when something asks for what needs one (the `body`
// stream itself, a Blob, a multipart form). The Fetch body rules hold: a body is read once, and
// `bodyUsed` says when it was.

const URLENCODED = /^application\/x-www-form-urlencoded(;|$)/i;

/** Remix's single-fetch action asks a request for its copy at the route's URL by this key. */
export const WITH_URL = Symbol.for("charted.request.withUrl");

/** The bytes of a body nobody has read yet (undefined once read, or when it became a stream). */
export const BODY_BYTES = Symbol.for("charted.body.bytes");

const READ_TWICE = "Body is unusable: Body has already been read";

// One decoder for every body: without `stream`, decode() keeps nothing between calls. It drops a
// leading byte-order mark, as the standard's "UTF-8 decode" does.
const utf8 = new TextDecoder();

/** One body's bytes, read once; `build` makes a standard Request or Response holding them. */
class Bytes {
  /** @type {Uint8Array} */
  #bytes;
  #used = false;
  /** @type {Request | Response | null} */
  #standard = null;
  /** @type {(bytes: Uint8Array) => Request | Response} */
  #build;

  /**
   * @param {Uint8Array} bytes
   * @param {(bytes: Uint8Array) => Request | Response} build
   */
  constructor(bytes, build) {
    this.#bytes = bytes;
    this.#build = build;
  }

  /** The standard object, built once, for what only it can answer; from then on it holds the body. */
  get standard() {
    this.#standard ??= this.#build(this.#bytes);
    return this.#standard;
  }

  get used() {
    return this.#used || (this.#standard?.bodyUsed ?? false);
  }

  /** The bytes while still unread and no standard object holds them. */
  get unread() {
    return this.#standard || this.#used ? undefined : this.#bytes;
  }

  take() {
    if (this.used) throw new TypeError(READ_TWICE);
    this.#used = true;
    return this.#bytes;
  }

  async text() {
    if (this.#standard) return this.#standard.text();
    return utf8.decode(this.take());
  }

  async arrayBuffer() {
    if (this.#standard) return this.#standard.arrayBuffer();
    const bytes = this.take();
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    return copy;
  }

  /** @param {string | null} contentType */
  async formData(contentType) {
    if (this.#standard || !URLENCODED.test(contentType ?? "")) return this.standard.formData();
    // What the standard's urlencoded parser gives, as Node's own formData() builds it.
    const form = new FormData();
    for (const [name, value] of new URLSearchParams(utf8.decode(this.take()))) form.append(name, value);
    return form;
  }
}

const STATE = Symbol("bytes");

/**
 * The body methods of a Request or Response class, answered from its bytes (`this[STATE]`).
 * @template {new (...args: any[]) => Request | Response} Base
 * @param {Base} Base
 */
function answeredFromBytes(Base) {
  return class extends Base {
    /** @type {Bytes} */
    [STATE];

    get [BODY_BYTES]() {
      return this[STATE].unread;
    }

    get body() {
      return this[STATE].standard.body;
    }

    get bodyUsed() {
      return this[STATE].used;
    }

    text() {
      return this[STATE].text();
    }

    async json() {
      return JSON.parse(await this[STATE].text());
    }

    arrayBuffer() {
      return this[STATE].arrayBuffer();
    }

    blob() {
      return this[STATE].standard.blob();
    }

    formData() {
      return this[STATE].formData(this.headers.get("content-type"));
    }
  };
}

/**
 * A Request whose signal is the one it was given. Given a signal, a standard Request makes its
 * own that follows it, with a listener, a weak reference and a finalizer: measured side by side,
 * that was a sixth of the server's time for a `/healthz` and more than a tenth of an answer save.
 * Whoever reads `signal` sees the given one abort just the same.
 */
export class SignalledRequest extends Request {
  /** @type {AbortSignal | undefined} */
  #signal;

  /**
   * @param {string | URL} url
   * @param {{ method: string, headers: Headers, signal?: AbortSignal }} init
   */
  constructor(url, init) {
    super(url, { method: init.method, headers: init.headers });
    this.#signal = init.signal;
  }

  get signal() {
    return this.#signal ?? super.signal;
  }

  clone() {
    // Built without a body (BufferedRequest, which has one, has its own clone).
    return new SignalledRequest(this.url, {
      method: this.method,
      headers: new Headers(this.headers),
      signal: this.signal,
    });
  }
}

export class BufferedRequest extends answeredFromBytes(SignalledRequest) {
  /**
   * @param {string | URL} url
   * @param {{ method: string, headers: Headers, signal?: AbortSignal, bytes: Uint8Array }} init
   */
  constructor(url, init) {
    super(url, init);
    this[STATE] = new Bytes(init.bytes, (body) => new Request(this.url, { ...this.#init(), body }));
  }

  #init() {
    return { method: this.method, headers: this.headers, signal: this.signal };
  }

  /** The same request at another URL (Remix's `.data` action runs at its route's URL). */
  [WITH_URL](/** @type {string | URL} */ url) {
    if (this.bodyUsed) throw new TypeError(READ_TWICE);
    const bytes = this[STATE].unread;
    // Once its stream was handed out, the body goes with it, as when Remix copies a Request.
    if (!bytes) return new Request(url, { ...this.#init(), body: this.body, duplex: "half" });
    return new BufferedRequest(url, { ...this.#init(), bytes });
  }

  /** @returns {Request} */
  clone() {
    if (this.bodyUsed) throw new TypeError(READ_TWICE);
    const bytes = this[STATE].unread;
    if (bytes) return new BufferedRequest(this.url, { ...this.#init(), bytes });
    return /** @type {Request} */ (this[STATE].standard).clone();
  }
}

export class BufferedResponse extends answeredFromBytes(Response) {
  /**
   * @param {Uint8Array} bytes
   * @param {{ status?: number, statusText?: string, headers?: HeadersInit }} [init]
   */
  constructor(bytes, init = {}) {
    super(null, init);
    this[STATE] = new Bytes(bytes, (body) => new Response(body, this.#init()));
  }

  #init() {
    return { status: this.status, statusText: this.statusText, headers: this.headers };
  }

  clone() {
    if (this.bodyUsed) throw new TypeError(READ_TWICE);
    const bytes = this[STATE].unread;
    return bytes ? new BufferedResponse(bytes, this.#init()) : this[STATE].standard.clone();
  }
}
