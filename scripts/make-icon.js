#!/usr/bin/env node
// Draws the extension's icon (images/icon.png, 128×128 RGBA): a page of text lines on a dark
// tile, one phrase highlighted and underlined as an annotation, with its [ ] brackets.
// Usage: node scripts/make-icon.js [out.png]   (no dependencies: the PNG is written with zlib)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const W = 128;
const H = 128;
const px = Buffer.alloc(W * H * 4);

function fill(x0, y0, x1, y1, [r, g, b, a = 255]) {
  for (let y = Math.max(0, y0); y < Math.min(H, y1); y++)
    for (let x = Math.max(0, x0); x < Math.min(W, x1); x++) {
      const i = (y * W + x) * 4;
      px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
    }
}

/** A rounded tile: transparent corners outside radius `r`. */
function tile(r, colour) {
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const cx = x < r ? r : x >= W - r ? W - r - 1 : x;
      const cy = y < r ? r : y >= H - r ? H - r - 1 : y;
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) fill(x, y, x + 1, y + 1, colour);
    }
}

const text = [225, 230, 238];
const highlight = [232, 211, 107];
tile(20, [30, 58, 95]);
// lines of text
fill(20, 26, 108, 34, text);
fill(20, 46, 40, 54, text);
fill(88, 46, 108, 54, text);
fill(20, 66, 96, 74, text);
fill(20, 86, 76, 94, text);
// the annotated phrase on line 2: [ highlight ] with an underline
fill(46, 42, 82, 58, highlight);
fill(46, 60, 82, 63, [255, 160, 64]);
fill(42, 40, 45, 60, [255, 255, 255]); // [
fill(42, 40, 48, 43, [255, 255, 255]);
fill(42, 57, 48, 60, [255, 255, 255]);
fill(83, 40, 86, 60, [255, 255, 255]); // ]
fill(80, 40, 86, 43, [255, 255, 255]);
fill(80, 57, 86, 60, [255, 255, 255]);

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0);
ihdr.writeUInt32BE(H, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(H * (W * 4 + 1));
for (let y = 0; y < H; y++) px.copy(raw, y * (W * 4 + 1) + 1, y * W * 4, (y + 1) * W * 4); // filter 0 per row
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = process.argv[2] ?? path.join(__dirname, '..', 'images', 'icon.png');
fs.writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
