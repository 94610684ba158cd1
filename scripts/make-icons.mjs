// Draws Stance's toolbar and store icons (public/icon/{16,32,48,128}.png) with no image library:
// a rounded speech bubble holding two opposed arrows (two sides of one debate), supersampled for
// anti-aliasing and written by a small PNG encoder (zlib deflate + CRC-32). Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const BUBBLE = [0x43, 0x38, 0xca]; // indigo 700: strong on both light and dark toolbars
const MARK = [0xff, 0xff, 0xff];
const SUBSAMPLES = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes 8-bit RGBA pixels (row-major, size×size×4) as a PNG file. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    // Each row starts with filter type 0 (none).
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function inRoundedRect(x, y, [x0, y0, x1, y1], r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
  const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
  const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** An arrow along y from tail x to head x (either direction), in unit coordinates. */
function inArrow(x, y, cy, tail, head) {
  const dir = Math.sign(head - tail);
  const neck = head - dir * 0.15;
  const shaft = Math.min(tail, neck) <= x && x <= Math.max(tail, neck) && Math.abs(y - cy) <= 0.045;
  return shaft || inTriangle(x, y, [neck, cy - 0.13], [neck, cy + 0.13], [head, cy]);
}

function inBubble(x, y) {
  return (
    inRoundedRect(x, y, [0.04, 0.06, 0.96, 0.76], 0.2) ||
    inTriangle(x, y, [0.2, 0.7], [0.46, 0.7], [0.16, 0.96])
  );
}

function inMark(x, y) {
  return inArrow(x, y, 0.29, 0.22, 0.8) || inArrow(x, y, 0.53, 0.78, 0.2);
}

function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bubble = 0;
      let mark = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES) / size;
          const y = (py + (sy + 0.5) / SUBSAMPLES) / size;
          if (!inBubble(x, y)) continue;
          if (inMark(x, y)) mark++;
          else bubble++;
        }
      }
      const covered = bubble + mark;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        rgba[i + c] = covered ? Math.round((BUBBLE[c] * bubble + MARK[c] * mark) / covered) : 0;
      }
      rgba[i + 3] = Math.round((255 * covered) / SUBSAMPLES ** 2);
    }
  }
  return encodePng(size, rgba);
}

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icon');
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = join(outDir, `${size}.png`);
  writeFileSync(file, drawIcon(size));
  console.log(`wrote ${file}`);
}
