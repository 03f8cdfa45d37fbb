// The scanner-text notation (shared/barcode/controlText.ts): what it shows, and
// that reading it back gives the same text whatever the text is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShownText, showText } from '../../../shared/barcode/controlText';

/** Pieces that look like the notation, so the generated text collides with it often. */
const tricky = fc.constantFrom(
  '<',
  '>',
  '<GS>',
  '<EOT>',
  '<STX>',
  'GS>',
  '\\',
  '\\x',
  '\\x1D',
  '1d',
  'x',
  '\u001d',
  '\r',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u00a0',
  '仓',
  '\ud83d', // a lone high surrogate
);
/** Any UTF-16 code unit, lone surrogates included: the notation works on JavaScript strings. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyText = fc.array(fc.oneof(tricky, codeUnit, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 30 });

describe('showText', () => {
  it('names GS, CR, LF, Tab, EOT, FS and RS, writes other C0, DEL and C1 controls as \\xNN, doubles a backslash', () => {
    expect(showText(']C101\u001d10A\r\n\t\u0004\u001c\u001e')).toBe(']C101<GS>10A<CR><LF><TAB><EOT><FS><RS>');
    expect(showText('\u0000\u0002\u007f\u0080\u009f')).toBe('\\x00\\x02\\x7F\\x80\\x9F');
    expect(showText('A\\B')).toBe('A\\\\B');
  });

  it('leaves text, Chinese and non-breaking space as they are', () => {
    expect(showText('仓务 A-01\u00a0é')).toBe('仓务 A-01\u00a0é');
  });

  it('escapes the "<" of a literal name, and only of a name', () => {
    expect(showText('<GS>')).toBe('\\x3CGS>');
    expect(showText('<STX> a<b <G>')).toBe('<STX> a<b <G>');
  });
});

describe('parseShownText', () => {
  it('reads names, \\xNN in either case and \\\\; leaves unknown names and lone backslashes as typed', () => {
    expect(parseShownText('<GS>\\x1d\\x1D\\\\<CR>')).toBe('\u001d\u001d\u001d\\\r');
    expect(parseShownText('<STX> <G> a\\b \\x1')).toBe('<STX> <G> a\\b \\x1');
  });

  it('reads back what showText shows, for any text', () => {
    fc.assert(
      fc.property(anyText, (pieces) => {
        const s = pieces.join('');
        expect(parseShownText(showText(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('showText of what was read is what was typed, when it was typed in the shown form', () => {
    fc.assert(
      fc.property(anyText, (pieces) => {
        const shown = showText(pieces.join(''));
        expect(showText(parseShownText(shown))).toBe(shown);
      }),
    );
  });
});
