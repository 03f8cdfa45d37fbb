#!/usr/bin/env node
// Writes the three scan feedback sounds (issue 4) as small 16-bit mono WAVs:
//   good.wav     one short high beep, the classic scanner "read" (2.7 kHz, 90 ms)
//   warning.wav  two mid beeps (1.2 kHz), a duplicate or an undone scan
//   error.wav    a low falling buzz (440 → 220 Hz, square-ish, 450 ms), a rejected or unknown scan
// Distinct in pitch, rhythm and length, so a keeper two metres away tells them
// apart without looking, and in a noisy hall. Run `node resources/sounds/generate.mjs`;
// the .wav files are committed, so the build does not need to run this.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const rate = 22_050;

/** A tone segment: frequency (Hz, or [from, to] for a sweep), length, shape. */
function tone({ hz, ms, volume = 0.6, square = 0 }) {
  const n = Math.round((rate * ms) / 1000);
  const [f0, f1] = Array.isArray(hz) ? hz : [hz, hz];
  const out = new Float64Array(n);
  // 5 ms fades: no click at either end.
  const fade = Math.min(Math.round(rate * 0.005), Math.floor(n / 2));
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const f = f0 + ((f1 - f0) * i) / n;
    phase += (2 * Math.PI * f) / rate;
    const sine = Math.sin(phase);
    // `square` mixes in odd harmonics: harsher, unmistakably an error.
    const shaped = square > 0 ? Math.tanh(sine * (1 + square * 6)) / Math.tanh(1 + square * 6) : sine;
    const env = Math.min(1, i / fade, (n - 1 - i) / fade);
    out[i] = shaped * volume * env;
  }
  return out;
}

const silence = (ms) => new Float64Array(Math.round((rate * ms) / 1000));

function concat(parts) {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32_767), i * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // PCM header size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

const sounds = {
  good: tone({ hz: 2700, ms: 90, volume: 0.5 }),
  warning: concat([tone({ hz: 1200, ms: 110 }), silence(70), tone({ hz: 1200, ms: 110 })]),
  error: tone({ hz: [440, 220], ms: 450, volume: 0.7, square: 0.8 }),
};

for (const [name, samples] of Object.entries(sounds)) {
  const file = path.join(here, `${name}.wav`);
  writeFileSync(file, wav(samples));
  console.log(`${path.relative(process.cwd(), file)}  ${(samples.length / rate).toFixed(3)} s`);
}
