// Scanner bytes in the scanner-text notation (shared/barcode/controlText.ts
// defines it: <GS>, <CR>, …, \xNN, \\), for `cangwu scanner listen` and the
// simulator's input; the scan log's raw column is the same notation, so a
// logged scan can be pasted into the simulator and sent again. Here \xNN is one
// raw byte, which is how bytes that are not UTF-8 are written.
import { controlByName, hexEscape, showText, shownEscape } from '../../../../shared/barcode/controlText';

// ignoreBOM: a leading EF BB BF is part of what the scanner sent, not to be dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Whether text has a C1 control (U+0080–U+009F): showText writes it \xNN, which reads back as one byte, not its UTF-8. */
function hasC1(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c <= 0x9f) return true;
  }
  return false;
}

/**
 * Bytes → "]C101…<GS>10ABC". Valid UTF-8 text stays text (a Chinese QR code
 * reads as Chinese); otherwise ASCII stays text and every byte ≥ 0x80 is \xNN.
 */
export function showBytes(bytes: Uint8Array): string {
  let text: string | null;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = null;
  }
  if (text !== null && !hasC1(text)) return showText(text);
  let out = '';
  let ascii = '';
  for (const b of bytes) {
    if (b < 0x80) {
      ascii += String.fromCharCode(b);
      continue;
    }
    out += showText(ascii) + hexEscape(b);
    ascii = '';
  }
  return out + showText(ascii);
}

/** The reverse of showBytes: "<GS>", "\x1D" (one byte) and "\\" are unescaped, the rest is UTF-8. */
export function parseScanText(text: string): Buffer {
  const parts: Buffer[] = [];
  let plain = '';
  const flush = () => {
    if (plain) parts.push(Buffer.from(plain, 'utf8'));
    plain = '';
  };
  let from = 0;
  for (const m of text.matchAll(shownEscape)) {
    plain += text.slice(from, m.index);
    from = m.index + m[0].length;
    const [, name, hex] = m;
    if (name === undefined && hex === undefined) {
      plain += '\\';
      continue;
    }
    flush();
    parts.push(Buffer.from([name !== undefined ? controlByName.get(name)! : parseInt(hex!, 16)]));
  }
  plain += text.slice(from);
  flush();
  return Buffer.concat(parts);
}
