// The one notation for scanner text people read and type, defined here: control
// characters by name (<GS>, <CR>, <LF>, <TAB>, <EOT>, <FS>, <RS>), other
// non-text characters (C0 controls, DEL, C1 controls) as \xNN, a backslash as
// \\. It is the scan log's raw column (printable() in decode.ts), the output of
// `cangwu scanner listen` and the input of `cangwu scanner simulate` (bytes,
// electron/core/scanner/serial/scanText.ts), and the scanner test screen's
// prefix, suffix and frames (renderer/pages/scannerTest/bytes.ts): a logged scan
// pasted into the simulator sends the same bytes.
//
// A literal "<GS>" in the text (one of the names above between < and >) shows
// as "\x3CGS>", so that reading the notation back gives the same text.

/** The control characters with a name; every other one is \xNN. */
export const controlNames: Readonly<Record<number, string>> = {
  0x04: 'EOT',
  0x09: 'TAB',
  0x0a: 'LF',
  0x0d: 'CR',
  0x1c: 'FS',
  0x1d: 'GS',
  0x1e: 'RS',
};

/** "GS" → 0x1D. */
export const controlByName: ReadonlyMap<string, number> = new Map(
  Object.entries(controlNames).map(([c, name]) => [name, Number(c)]),
);

const namesAlternation = Object.values(controlNames).join('|');

/**
 * One escape of the notation: `<NAME>` (group 1), `\xNN` (group 2, either case)
 * or `\\`. Global: callers scan with matchAll/replace. Anything else — an
 * unknown `<STX>`, a lone backslash, `\x1` — is text as typed.
 */
export const shownEscape = new RegExp(`<(${namesAlternation})>|\\\\x([0-9a-fA-F]{2})|\\\\\\\\`, 'g');

/** A literal "<NAME>" at the start: its "<" has to be escaped. */
const nameAhead = new RegExp(`^<(?:${namesAlternation})>`);

/** Whether a code point (or a byte) is shown escaped: C0 controls, DEL, C1 controls. */
export const isControl = (c: number) => c < 0x20 || (c >= 0x7f && c <= 0x9f);

/** \xNN for a byte or a code point below 0x100. */
export const hexEscape = (c: number) => `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;

/** A control character (or byte) as <NAME> or \xNN. */
export const showControl = (c: number) => {
  const name = controlNames[c];
  return name !== undefined ? `<${name}>` : hexEscape(c);
};

/** Text as the notation: "]C101…\u001d10A" → "]C101…<GS>10A". Text without controls, "<" names or "\" is returned as is. */
export function showText(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let shown: string;
    if (isControl(c)) shown = showControl(c);
    else if (c === 0x5c) shown = '\\\\';
    else if (c === 0x3c && nameAhead.test(text.slice(i, i + 5))) shown = hexEscape(c);
    else continue;
    out += text.slice(from, i) + shown;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The reverse of showText: "<GS>", "\x1D" (or "\x1d") and "\\" unescaped; how prefixes, suffixes and simulated scans are typed. */
export function parseShownText(shown: string): string {
  return shown.replace(shownEscape, (_match, name: string | undefined, hex: string | undefined) => {
    if (name !== undefined) return String.fromCharCode(controlByName.get(name)!);
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    return '\\';
  });
}
