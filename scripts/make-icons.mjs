#!/usr/bin/env node
// Draws the app icons in public/icons/ (PNG, no image library): the favicon's diamond in white
// on the brand blue, filling the square so the same image works as a maskable icon (the
// diamond stays inside the central safe zone, a circle of 40% of the size). Run after changing
// the design: node scripts/make-icons.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BRAND = [0x0b, 0x5c, 0xad];
const WHITE = [0xff, 0xff, 0xff];

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Share of a pixel covered by the shape, sampled 4x4. */
function coverage(x, y, inside) {
  let n = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) n++;
  return n / 16;
}

function icon(size) {
  const c = size / 2;
  // A diamond ring: white outer diamond, brand-blue inner one, and a white centre dot.
  const outer = (x, y) => Math.abs(x - c) + Math.abs(y - c) <= size * 0.34;
  const inner = (x, y) => Math.abs(x - c) + Math.abs(y - c) <= size * 0.22;
  const dot = (x, y) => Math.abs(x - c) + Math.abs(y - c) <= size * 0.1;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const white = coverage(x, y, (px, py) => (outer(px, py) && !inner(px, py)) || dot(px, py));
      for (let k = 0; k < 3; k++) row[1 + x * 3 + k] = Math.round(BRAND[k] + (WHITE[k] - BRAND[k]) * white);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const [name, size] of [
  ["icon-192.png", 192],
  ["icon-512.png", 512],
  ["apple-touch-icon.png", 180],
]) {
  writeFileSync(`public/icons/${name}`, icon(size));
  console.log(`public/icons/${name} (${size}x${size})`);
}
