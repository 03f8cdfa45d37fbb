#!/usr/bin/env node
// Draws the application icon and writes resources/icons/: PNGs for Linux (the
// NxN.png names electron-builder's Linux icon set expects, plus icon.png) and
// icon.ico for Windows (PNG-compressed entries, 16–256). No image library:
// a few shapes, 4×4 supersampled, encoded with zlib. Re-run after changing the
// drawing: `node scripts/icons.mjs`; the output is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'resources', 'icons');

// --- drawing, in unit coordinates (0..1, y down) ---------------------------
const blue = [37, 99, 235];
const white = [255, 255, 255];

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  const dx = Math.abs(x - cx) - hx;
  const dy = Math.abs(y - cy) - hy;
  const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
  return outside + Math.min(Math.max(dx, dy), 0) - r;
}

// Painted in order: a blue tile, a white parcel (body, then a wider lid with
// a gap between them), tape across the lid and a shipping label on the front.
const layers = [
  { color: blue, inside: (x, y) => roundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2) <= 0 },
  { color: white, inside: (x, y) => roundedRect(x, y, 0.27, 0.4, 0.73, 0.77, 0.035) <= 0 },
  { color: white, inside: (x, y) => roundedRect(x, y, 0.22, 0.27, 0.78, 0.37, 0.03) <= 0 },
  { color: blue, inside: (x, y) => roundedRect(x, y, 0.465, 0.27, 0.535, 0.37, 0.0) <= 0 },
  { color: blue, inside: (x, y) => roundedRect(x, y, 0.5, 0.6, 0.67, 0.71, 0.02) <= 0 },
];

function render(size, samples = 4) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let color = null;
          for (const layer of layers) if (layer.inside(x, y)) color = layer.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      // Colour averaged over covered samples (straight, not premultiplied alpha).
      rgba[o] = a ? Math.round(r / a) : 0;
      rgba[o + 1] = a ? Math.round(g / a) : 0;
      rgba[o + 2] = a ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return rgba;
}

// --- PNG ---------------------------------------------------------------------
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  // compression, filter, interlace: all 0
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- ICO: a directory of PNG images (Windows Vista and later) ---------------
export function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, png } of pngs) {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e[2] = 0; // palette colours
    e[3] = 0;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.png)]);
}

function main() {
  mkdirSync(outDir, { recursive: true });
  const pngs = new Map();
  for (const size of [16, 32, 48, 64, 128, 256, 512]) pngs.set(size, encodePng(size, render(size)));
  const write = (name, data) => {
    writeFileSync(path.join(outDir, name), data);
    console.log(`  resources/icons/${name} (${data.length} bytes)`);
  };
  write('icon.png', pngs.get(512));
  for (const size of [16, 32, 48, 64, 128, 256, 512]) write(`${size}x${size}.png`, pngs.get(size));
  write('icon.ico', encodeIco([16, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngs.get(size) }))));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
