// Writes build/icon.png (512×512 RGBA), the app icon electron-builder turns into every platform's
// format. Plain Node (zlib), no image library: a teal rounded square with a white house and door,
// matching build/icon.svg. Run: node scripts/make-icon.ts
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const size = 512;
const samples = 4;
const teal = [12, 166, 120];
const white = [255, 255, 255];

const insideRoundedSquare = (x: number, y: number) => {
  const margin = 16;
  const radius = 96;
  const lo = margin + radius;
  const hi = size - margin - radius;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return x >= margin && x <= size - margin && y >= margin && y <= size - margin && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};

// A house: the roof is a triangle, the body a rectangle; the door is cut out of the body.
const insideHouse = (x: number, y: number) => {
  const roof = y >= 120 && y <= 250 && Math.abs(x - 256) <= ((y - 120) / 130) * 170;
  const body = x >= 136 && x <= 376 && y >= 240 && y <= 400;
  const door = x >= 226 && x <= 286 && y >= 300 && y <= 400;
  return (roof || body) && !door;
};

const pixels = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y += 1) {
  const row = y * (size * 4 + 1);
  pixels[row] = 0;
  for (let x = 0; x < size; x += 1) {
    let back = 0;
    let front = 0;
    for (let sy = 0; sy < samples; sy += 1) {
      for (let sx = 0; sx < samples; sx += 1) {
        const px = x + (sx + 0.5) / samples;
        const py = y + (sy + 0.5) / samples;
        if (!insideRoundedSquare(px, py)) continue;
        back += 1;
        if (insideHouse(px, py)) front += 1;
      }
    }
    const total = samples * samples;
    const offset = row + 1 + x * 4;
    const mix = back === 0 ? 0 : front / back;
    for (let channel = 0; channel < 3; channel += 1) {
      pixels[offset + channel] = Math.round((teal[channel] ?? 0) * (1 - mix) + (white[channel] ?? 0) * mix);
    }
    pixels[offset + 3] = Math.round((back / total) * 255);
  }
}

const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = new URL('../build/icon.png', import.meta.url);
writeFileSync(target, png);
console.log(`wrote ${target.pathname} (${png.length} bytes)`);
