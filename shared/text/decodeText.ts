// Files as Chinese offices make them (issue 10 §4): Excel in a Chinese locale
// saves "CSV" in GBK and "Unicode text" in UTF-16 LE with a BOM; newer tools
// save UTF-8, with or without a BOM. One decoder for every import (the CLI,
// the renderer's file picker, later customers/prices/orders): a BOM decides;
// without one, strict UTF-8 first (plain ASCII is UTF-8), then strict
// GB18030 (a superset of GBK and GB2312). What decodes in neither is refused
// with the line to look at — never guessed into replacement characters.
//
// Uses only the WHATWG TextDecoder, which Node (full ICU) and Chromium both
// have with 'gb18030'; no Node or DOM import, so it lives in shared/.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodedText =
  | { ok: true; text: string; encoding: TextEncodingName; bom: boolean }
  /** `line` is 1-based, as a spreadsheet or editor numbers lines. */
  | { ok: false; line: number; reason: 'undecodable' | 'nulByte' };

function strict(encoding: TextEncodingName, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: the caller has already looked at (and removed) the BOM.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** 1-based line of the first replacement character a lenient decode produces. */
function lineOfFirstBadChar(encoding: TextEncodingName, bytes: Uint8Array): number {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  const at = text.indexOf('\uFFFD');
  return lineAt(text, at < 0 ? text.length : at);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The byte lines of a file in an ASCII-compatible encoding (0x0A never occurs inside a UTF-8 or GB18030 character). */
function byteLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  return lines;
}

/** Decodes a text file's bytes (see the file comment for the order of guesses). */
export function decodeText(input: Uint8Array | ArrayBuffer): DecodedText {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return withEncoding('utf-8', bytes.subarray(3), true);
  if (b0 === 0xff && b1 === 0xfe) return withEncoding('utf-16le', bytes.subarray(2), true);
  if (b0 === 0xfe && b1 === 0xff) return withEncoding('utf-16be', bytes.subarray(2), true);

  // Without a BOM a NUL byte means UTF-16 without its mark (or not text at
  // all); as UTF-8 it would "decode" into NUL characters.
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, line: countLines(bytes, nul), reason: 'nulByte' };

  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8', bom: false };
  const gb = strict('gb18030', bytes);
  if (gb !== null) return { ok: true, text: gb, encoding: 'gb18030', bom: false };

  // Neither: name the first line that decodes in neither; if every line
  // decodes in one of them (a file pasted together from both), the first
  // line that is not GB18030.
  const lines = byteLines(bytes);
  let notGb = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const asUtf8 = strict('utf-8', line) !== null;
    const asGb = strict('gb18030', line) !== null;
    if (!asUtf8 && !asGb) return { ok: false, line: i + 1, reason: 'undecodable' };
    if (!asGb && notGb < 0) notGb = i;
  }
  return { ok: false, line: Math.max(notGb, 0) + 1, reason: 'undecodable' };
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function withEncoding(encoding: TextEncodingName, body: Uint8Array, bom: boolean): DecodedText {
  const text = strict(encoding, body);
  if (text !== null) return { ok: true, text, encoding, bom };
  return { ok: false, line: lineOfFirstBadChar(encoding, body), reason: 'undecodable' };
}
