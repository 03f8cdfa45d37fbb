// `cangwu decode "<raw>" [--json]`: what the decoder makes of one scan, for
// diagnosing a label or a scanner's settings without a station. A shell cannot
// easily type GS (0x1D), so the argument accepts escapes: \x1d, \u001d, <GS>
// (also {GS} and ^], as scanners send them), \r \n \t \\, and every <NAME>
// of shared/barcode/controlText.ts (<CR> <LF> <TAB> <EOT> <FS> <RS>) — the
// forms printable() shows, so a line copied from the scan log can be pasted
// back in.
import { controlByName } from '../../shared/barcode/controlText';
import { aiDecimals, aiTitle, decodeScan, printable, type DecodeResult } from '../../shared/barcode/decode';

export type DecodeOutput = { out: (text: string) => void; err: (text: string) => void };

const processOutput: DecodeOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const named = (token: string): string | undefined => {
  const code = controlByName.get(token.slice(1, -1));
  return code === undefined ? undefined : String.fromCharCode(code);
};
const simple: Record<string, string> = { r: '\r', n: '\n', t: '\t', '\\': '\\' };

/** The argument with its escapes turned into the characters they stand for. */
export function unescapeArgument(arg: string): string {
  let out = '';
  for (let i = 0; i < arg.length; i++) {
    const ch = arg[i]!;
    if (ch === '<') {
      const close = arg.indexOf('>', i);
      const replacement = close > i ? named(arg.slice(i, close + 1)) : undefined;
      if (replacement !== undefined) {
        out += replacement;
        i = close;
        continue;
      }
    } else if (ch === '\\' && i + 1 < arg.length) {
      const next = arg[i + 1]!;
      const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : 0;
      const hex = arg.slice(i + 2, i + 2 + hexLength);
      if (hexLength > 0 && hex.length === hexLength && /^[0-9a-fA-F]+$/.test(hex)) {
        out += String.fromCharCode(parseInt(hex, 16));
        i += 1 + hexLength;
        continue;
      }
      const replacement = simple[next];
      if (replacement !== undefined) {
        out += replacement;
        i += 1;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

function describeValue(ai: string, value: string): string {
  const decimals = aiDecimals(ai);
  if (decimals !== null && decimals > 0 && value.length > decimals) {
    const whole = value.slice(0, value.length - decimals).replace(/^0+(?=\d)/, '');
    return `${value}  = ${whole}.${value.slice(value.length - decimals)}`;
  }
  return value;
}

/** The readable form: what was scanned, each element on its line, the fields a warehouse uses. */
export function formatResult(raw: string, r: DecodeResult): string {
  const lines = [`raw        ${printable(raw)}`];
  lines.push(`symbology  ${r.symbology ? `${r.symbology.id} ${r.symbology.name}` : '(no AIM identifier)'}`);
  if (!r.ok) {
    lines.push(`error      ${r.error}${r.ai ? ` (AI ${r.ai})` : ''}`);
    if (r.detail) lines.push(`detail     ${r.detail}`);
    if (r.summary) lines.push(`read       ${r.summary}`);
    return `${lines.join('\n')}\n`;
  }
  if (r.kind === 'gs1') {
    lines.push(
      `kind       GS1 ${r.form === 'digitalLink' ? 'Digital Link' : r.form === 'bracketed' ? '(bracketed)' : 'element string'}`,
    );
    const width = Math.max(...r.elements.map((e) => (aiTitle(e.ai) ?? '').length));
    for (const e of r.elements) {
      lines.push(`  (${e.ai})`.padEnd(9) + `${(aiTitle(e.ai) ?? '').padEnd(width)}  ${describeValue(e.ai, e.value)}`);
    }
    const fields: [string, string | number | null][] = [
      ['gtin', r.gtin === null ? null : `${r.gtin}${r.gtinAi === '02' ? ' (content, AI 02)' : ''}`],
      ['sscc', r.sscc],
      ['lot', r.lot],
      ['serial', r.serial],
      ['expiry', r.expiry],
      ['best before', r.bestBefore],
      ['produced', r.productionDate],
      ['count', r.count],
    ];
    for (const [name, value] of fields) if (value !== null) lines.push(`${name.padEnd(11)}${value}`);
  } else if (r.kind === 'gtin') {
    lines.push(`kind       GTIN (${r.format})`);
    lines.push(`gtin       ${r.gtin}`);
    lines.push(`scanned    ${r.scanned}${r.upcE ? ` (UPC-E ${r.upcE})` : ''}`);
    if (r.addOn) lines.push(`add-on     ${r.addOn}`);
  } else {
    lines.push('kind       text');
    lines.push(`text       ${printable(r.text)}`);
    if (r.gs1Like) {
      lines.push('note       reads like GS1 data, but nothing marked it as GS1: enable AIM identifiers on the scanner');
    }
  }
  lines.push(`summary    ${r.summary}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Decodes `raw` (escapes allowed) and prints the result: JSON with `json`,
 * else the readable form. 0 when it decoded, 1 for a decode error.
 */
export function runDecode(raw: string, json: boolean, output: DecodeOutput = processOutput): number {
  const scan = unescapeArgument(raw);
  const result = decodeScan(scan);
  if (json) {
    output.out(`${JSON.stringify(result, null, 2)}\n`);
  } else if (result.ok) {
    output.out(formatResult(scan, result));
  } else {
    // Errors go to stderr like every other command's, by their stable code.
    output.err(`cangwu: ${result.error}: ${result.detail ?? 'cannot decode'}\n`);
    output.err(formatResult(scan, result));
  }
  return result.ok ? 0 : 1;
}
