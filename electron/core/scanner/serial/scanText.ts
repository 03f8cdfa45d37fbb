// Scanner bytes as text people can read and type: control characters as <GS>,
// <CR>, … and other non-text bytes as \xNN — the notation of the scan log's
// raw column, of `cangwu scanner listen`, and of the simulator's input, so a
// logged scan can be pasted into the simulator and sent again.

const names: Record<number, string> = {
  0x04: 'EOT',
  0x09: 'TAB',
  0x0a: 'LF',
  0x0d: 'CR',
  0x1c: 'FS',
  0x1d: 'GS',
  0x1e: 'RS',
};
const byName = new Map(Object.entries(names).map(([b, n]) => [n, Number(b)]));
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes → "]C101…<GS>10ABC". Valid UTF-8 text stays text (a Chinese QR code reads as Chinese). */
export function showBytes(bytes: Uint8Array): string {
  let text: string | null = null;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = null;
  }
  let out = '';
  if (text !== null) {
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      out += c < 0x20 || c === 0x7f ? control(c) : ch === '\\' ? '\\\\' : ch;
    }
    return out;
  }
  for (const b of bytes) out += b >= 0x20 && b < 0x7f ? (b === 0x5c ? '\\\\' : String.fromCharCode(b)) : control(b);
  return out;
}

/** The reverse of showBytes: "<GS>", "\x1D" and "\\" are unescaped, the rest is UTF-8. */
export function parseScanText(text: string): Buffer {
  const parts: Buffer[] = [];
  let plain = '';
  const flush = () => {
    if (plain) parts.push(Buffer.from(plain, 'utf8'));
    plain = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '<') {
      const m = /^<([A-Z]{2,3})>/.exec(text.slice(i, i + 5));
      const b = m ? byName.get(m[1]!) : undefined;
      if (m && b !== undefined) {
        flush();
        parts.push(Buffer.from([b]));
        i += m[0].length - 1;
        continue;
      }
    } else if (ch === '\\') {
      const hex = /^\\x([0-9a-fA-F]{2})/.exec(text.slice(i, i + 4));
      if (hex) {
        flush();
        parts.push(Buffer.from([parseInt(hex[1]!, 16)]));
        i += 3;
        continue;
      }
      if (text[i + 1] === '\\') {
        plain += '\\';
        i++;
        continue;
      }
    }
    plain += ch;
  }
  flush();
  return Buffer.concat(parts);
}

function control(b: number): string {
  const name = names[b];
  return name ? `<${name}>` : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}
