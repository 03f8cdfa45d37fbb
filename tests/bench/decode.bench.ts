// decode_per_s (issue 4, "Must show"): how many typical GS1-128 scans the pure
// decoder reads a second. The mix is what a receiving dock sees — case labels
// with GTIN + lot + expiry, pallet labels with SSCC + content + count, weights,
// a serial, a ship-to GLN — built once, with valid check digits, so the loop
// times decoding alone. Each result is checked before timing: a fast decoder
// that answers wrongly is not a result.
import { decodeScan } from '../../shared/barcode/decode';
import { withCheckDigit } from '../../shared/barcode/gtin';
import { bench } from './report';

const GS = '\u001d';
const LIMIT = 200_000;

function mix(n: number): string[] {
  const out: string[] = [];
  let seed = 12345;
  const rand = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const digits = (k: number) => {
    let s = '';
    for (let i = 0; i < k; i++) s += String(rand(10));
    return s;
  };
  const yymmdd = () =>
    `${String(24 + rand(6)).padStart(2, '0')}${String(1 + rand(12)).padStart(2, '0')}${String(rand(29)).padStart(2, '0')}`;
  const lot = () => `L${digits(2)}${'ABCDEFGH'[rand(8)]}${digits(1 + rand(6))}`;
  for (let i = 0; i < n; i++) {
    const gtin = withCheckDigit(`0690${digits(9)}`);
    switch (i % 6) {
      case 0: // case label: GTIN, expiry, lot last (no GS needed at the end)
        out.push(`]C101${gtin}17${yymmdd()}10${lot()}`);
        break;
      case 1: // lot first: GS after the variable field
        out.push(`]C101${gtin}10${lot()}${GS}15${yymmdd()}11${yymmdd()}`);
        break;
      case 2: // pallet: SSCC, content, count
        out.push(`]C100${withCheckDigit(`3690${digits(13)}`)}02${gtin}37${1 + rand(480)}`);
        break;
      case 3: // variable-measure: net weight 3103, production date
        out.push(`]C101${gtin}3103${digits(6)}11${yymmdd()}`);
        break;
      case 4: // serialised item
        out.push(`]C101${gtin}21${digits(10)}${GS}17${yymmdd()}`);
        break;
      default: // shipping: SSCC, ship-to GLN, order number
        out.push(`]C100${withCheckDigit(`3690${digits(13)}`)}410${withCheckDigit(`690${digits(9)}`)}400PO${digits(8)}`);
    }
  }
  return out;
}

function main(): void {
  const scans = mix(10_000);
  const today = new Date('2026-06-01T00:00:00Z');
  for (const s of scans) {
    const r = decodeScan(s, { today });
    if (!r.ok || r.kind !== 'gs1') throw new Error(`bench data did not decode: ${s} → ${JSON.stringify(r)}`);
  }
  // Warm up the JIT, then time whole passes for about a second.
  let sink = 0;
  for (let pass = 0; pass < 20; pass++) for (const s of scans) sink += decodeScan(s).ok ? 1 : 0;
  const started = performance.now();
  let decoded = 0;
  while (performance.now() - started < 1000) {
    for (const s of scans) sink += decodeScan(s).ok ? 1 : 0;
    decoded += scans.length;
  }
  const seconds = (performance.now() - started) / 1000;
  if (sink === 0) throw new Error('nothing decoded');
  const perSecond = Math.round(decoded / seconds);
  bench('decode_per_s', perSecond, 'strings/s', `limit >= ${LIMIT}`);
  if (perSecond < LIMIT) process.exitCode = 1;
}

main();
