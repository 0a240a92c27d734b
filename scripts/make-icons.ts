/**
 * Draws the Teams app icons (`manifest/color.png` 192×192, `manifest/outline.png` 32×32) as PNGs with
 * node:zlib only: a white "A" monogram (Azure plan), on Azure blue for the color icon and on
 * transparency for the outline icon, as Teams requires. Run once after changing the design:
 * `npx tsx scripts/make-icons.ts` (the PNGs are committed).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Point = readonly [number, number];
type Segment = readonly [Point, Point];

/** The monogram in a unit square: two legs and a crossbar, drawn as round-capped strokes. */
const MONOGRAM: readonly Segment[] = [
  [
    [0.5, 0.1],
    [0.16, 0.9],
  ],
  [
    [0.5, 0.1],
    [0.84, 0.9],
  ],
  [
    [0.3, 0.64],
    [0.7, 0.64],
  ],
];

const AZURE_BLUE = [0x00, 0x78, 0xd4] as const;
const SUBSAMPLES = 4;

interface IconSpec {
  size: number;
  /** Where the monogram's unit square goes, in pixels: offset and side length. */
  glyphOffset: number;
  glyphSize: number;
  /** Stroke width in pixels. */
  stroke: number;
  background: readonly [number, number, number] | null;
}

function distanceToSegment([px, py]: Point, [[ax, ay], [bx, by]]: Segment): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Fraction of the pixel (x, y) covered by the monogram, by supersampling. */
function coverage(spec: IconSpec, x: number, y: number): number {
  let inside = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      const px = (x + (sx + 0.5) / SUBSAMPLES - spec.glyphOffset) / spec.glyphSize;
      const py = (y + (sy + 0.5) / SUBSAMPLES - spec.glyphOffset) / spec.glyphSize;
      const halfStroke = spec.stroke / 2 / spec.glyphSize;
      if (MONOGRAM.some((segment) => distanceToSegment([px, py], segment) <= halfStroke)) inside++;
    }
  }
  return inside / (SUBSAMPLES * SUBSAMPLES);
}

/** RGBA pixels, rows top to bottom. */
function draw(spec: IconSpec): Buffer {
  const pixels = Buffer.alloc(spec.size * spec.size * 4);
  for (let y = 0; y < spec.size; y++) {
    for (let x = 0; x < spec.size; x++) {
      const cover = coverage(spec, x, y);
      const offset = (y * spec.size + x) * 4;
      if (spec.background) {
        for (let channel = 0; channel < 3; channel++) {
          pixels[offset + channel] = Math.round(spec.background[channel] * (1 - cover) + 255 * cover);
        }
        pixels[offset + 3] = 255;
      } else {
        pixels.fill(255, offset, offset + 3);
        pixels[offset + 3] = Math.round(255 * cover);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels as an 8-bit truecolor-with-alpha PNG (filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS: Record<string, IconSpec> = {
  // Teams: full-bleed color icon, symbol within the centre ~96 px.
  'color.png': { size: 192, glyphOffset: 46, glyphSize: 100, stroke: 17, background: AZURE_BLUE },
  // Teams: white symbol on a transparent background, with padding.
  'outline.png': { size: 32, glyphOffset: 4, glyphSize: 24, stroke: 3.5, background: null },
};

const directory = fileURLToPath(new URL('../manifest/', import.meta.url));
for (const [file, spec] of Object.entries(ICONS)) {
  writeFileSync(join(directory, file), encodePng(spec.size, spec.size, draw(spec)));
  console.log(`manifest/${file} written (${spec.size}×${spec.size})`);
}
