// A Request whose body is already in memory: server/request-body.js read it under its cap.
//
// Node's Request holds every body as a web ReadableStream. On Node 20 building one costs about
// 15 µs (its constructor makes the stream transferable to workers), and reading it back goes
// through a reader, chunk by chunk, a microtask at a time. A rating or an answer save is a form
// of a hundred bytes: that plumbing was a tenth of its server time, and Remix built a second
// Request around the same stream for every `.data` action. This Request is built without a body
// and answers the body methods from the bytes; a standard Request with the bytes is built only
// when something asks for what needs one (the `body` stream itself, a multipart form, a Blob).
// The Fetch body rules hold: a body is read once, and `bodyUsed` says when it was.

const URLENCODED = /^application\/x-www-form-urlencoded(;|$)/i;

/** Remix's single-fetch action asks for a copy at the route's URL by this key (see the patch). */
export const WITH_URL = Symbol.for("charted.request.withUrl");

export class BufferedRequest extends Request {
  /** @type {Buffer} */
  #bytes;
  #used = false;
  /** @type {Request | null} */
  #standard = null;

  /**
   * @param {string | URL} url
   * @param {{ method: string, headers: Headers, signal?: AbortSignal, bytes: Buffer }} init
   */
  constructor(url, init) {
    super(url, { method: init.method, headers: init.headers, signal: init.signal });
    this.#bytes = init.bytes;
  }

  /** The same request at another URL (Remix's `.data` action runs at its route's URL). */
  [WITH_URL](/** @type {string | URL} */ url) {
    return new BufferedRequest(url, {
      method: this.method,
      headers: this.headers,
      signal: this.signal,
      bytes: this.#bytes,
    });
  }

  /** A standard Request with the bytes, built once, for what only one can answer. */
  #asStandard() {
    this.#standard ??= new Request(this.url, {
      method: this.method,
      headers: this.headers,
      signal: this.signal,
      body: this.#bytes,
    });
    return this.#standard;
  }

  /** The bytes, once: a second read fails as the Fetch standard says. */
  #take() {
    if (this.bodyUsed) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    return this.#bytes;
  }

  get body() {
    return this.#asStandard().body;
  }

  get bodyUsed() {
    return this.#used || (this.#standard?.bodyUsed ?? false);
  }

  async text() {
    if (this.#standard) return this.#standard.text();
    return new TextDecoder().decode(this.#take());
  }

  async json() {
    return JSON.parse(await this.text());
  }

  async arrayBuffer() {
    if (this.#standard) return this.#standard.arrayBuffer();
    const bytes = this.#take();
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    return copy;
  }

  async blob() {
    return this.#asStandard().blob();
  }

  async formData() {
    if (this.#standard || !URLENCODED.test(this.headers.get("content-type") ?? ""))
      return this.#asStandard().formData();
    // What the standard's urlencoded parser gives, as Node's own formData() builds it.
    const form = new FormData();
    for (const [name, value] of new URLSearchParams(new TextDecoder().decode(this.#take()))) form.append(name, value);
    return form;
  }

  clone() {
    if (this.bodyUsed) throw new TypeError("Body is unusable: Body has already been read");
    if (this.#standard) return this.#standard.clone();
    return this[WITH_URL](this.url);
  }
}
