// The built client (build/client) does not change while the server runs, so its file list is
// read once: a request for anything else (every page, every .data request) goes on to Remix
// without the static middleware looking for a file of that name on disk first.
import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * URL paths ("/assets/x.js") of the files under `root`, and a middleware that hands requests for
 * them to `serve` and every other request on.
 * @param {string} root
 * @param {import("express").RequestHandler} serve
 * @returns {import("express").RequestHandler}
 */
export function whenBuiltFile(root, serve) {
  const files = new Set(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map(
        (entry) =>
          "/" +
          path
            .relative(root, path.join(entry.parentPath ?? entry.path, entry.name))
            .split(path.sep)
            .join("/"),
      ),
  );
  return (req, res, next) => (files.has(decodedPath(req.path)) ? serve(req, res, next) : next());
}

/** The path as the static middleware decodes it; a malformed one matches no file. */
function decodedPath(/** @type {string} */ urlPath) {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return "";
  }
}
