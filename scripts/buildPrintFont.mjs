// `node scripts/buildPrintFont.mjs`: the CJK font every print uses, shipped in
// resources/fonts/ so a PDF looks the same on every machine (issue 14, "CJK
// fonts that print the same"). A subset of Noto Sans CJK SC (SIL OFL 1.1,
// resources/fonts/OFL.txt), Regular and Bold, as WOFF2: ASCII and Latin-1,
// general and CJK punctuation, full-width forms, GB2312's 6,763 hanzi, and
// every other character of the zh-CN locale files, DOMAIN.md and the demo's
// data. The source is Debian's fonts-noto-cjk (a TTC: the SC face is taken
// by its index). The subsetting is Python fontTools' pyftsubset (`pip install
// fonttools`): harfbuzz's wasm subsetter (npm subset-font) reads only face 0
// of a collection and fails on a CFF font of ~8,000 glyphs; fontverter
// (subset-font's own dependency) writes the WOFF2.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import fontverter from 'fontverter';

const root = path.resolve(import.meta.dirname, '..');
const sourceDir = process.env.NOTO_CJK_DIR ?? '/usr/share/fonts/opentype/noto';
const outDir = path.join(root, 'resources', 'fonts');
/** The SC face's index in NotoSansCJK-*.ttc (JP, KR, SC, TC, HK, then the Mono faces). */
const scFace = 2;

/** pyftsubset's OpenType (CFF) subset of one face of the collection, hinting and layout kept. */
function subsetWithFontTools(source, textFile) {
  const out = path.join(os.tmpdir(), `cangwu-print-font-${process.pid}.otf`);
  execFileSync('pyftsubset', [
    source,
    `--font-number=${scFace}`,
    `--text-file=${textFile}`,
    '--layout-features=*',
    '--name-IDs=*',
    '--notdef-outline',
    `--output-file=${out}`,
  ]);
  const font = fs.readFileSync(out);
  fs.rmSync(out, { force: true });
  return font;
}

function range(from, to) {
  let s = '';
  for (let c = from; c <= to; c++) s += String.fromCodePoint(c);
  return s;
}

/** GB2312's hanzi: rows 16–87 (bytes 0xB0–0xF7) × cells 0xA1–0xFE, decoded through GB18030 (a superset). */
function gb2312Hanzi() {
  const bytes = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) bytes.push(hi, lo);
  return new TextDecoder('gb18030').decode(Uint8Array.from(bytes)).replace(/[^\p{Script=Han}]/gu, '');
}

function filesUnder(dir, test) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && test(d.name))
    .map((d) => path.join(d.parentPath ?? d.path, d.name));
}

function characters() {
  const texts = [
    range(0x20, 0x7e),
    range(0xa0, 0xff),
    range(0x2000, 0x206f), // general punctuation (— … ‘ ’ “ ” ‰)
    range(0x2190, 0x21ff), // arrows (→ in the reports)
    range(0x2460, 0x24ff), // enclosed numbers
    range(0x25a0, 0x25ff), // shapes (□ ■ ● ○ ▲ ▼)
    range(0x3000, 0x303f), // CJK punctuation
    range(0xff00, 0xffef), // full-width forms
    '×÷±≤≥≠°℃№¥￥·',
    gb2312Hanzi(),
  ];
  const sources = [
    ...filesUnder(path.join(root, 'renderer', 'locales', 'zh-CN'), (n) => n.endsWith('.json')),
    ...filesUnder(path.join(root, 'electron', 'core', 'setup'), (n) => /^demo.*\.ts$/.test(n)),
    path.join(root, '..', 'shared', 'DOMAIN.md'),
    path.join(root, 'README.md'),
  ];
  for (const f of sources) if (fs.existsSync(f)) texts.push(fs.readFileSync(f, 'utf8'));
  // Letters, numbers, punctuation and symbols; no control characters.
  const chars = new Set([...texts.join('')].filter((c) => /[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/u.test(c)));
  return [...chars].sort().join('');
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const text = characters();
  const textFile = path.join(os.tmpdir(), `cangwu-print-font-${process.pid}.txt`);
  fs.writeFileSync(textFile, text);
  for (const weight of ['Regular', 'Bold']) {
    const source = path.join(sourceDir, `NotoSansCJK-${weight}.ttc`);
    const woff2 = await fontverter.convert(subsetWithFontTools(source, textFile), 'woff2');
    const out = path.join(outDir, `CangwuPrintSC-${weight}.woff2`);
    fs.writeFileSync(out, woff2);
    console.log(
      `${path.relative(root, out)}: ${[...text].length} characters, ${(woff2.length / 1024 / 1024).toFixed(2)} MB`,
    );
  }
  fs.rmSync(textFile, { force: true });
}

await main();
