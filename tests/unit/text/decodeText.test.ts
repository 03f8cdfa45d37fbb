// The shared decoder reads files the way Chinese offices save them, and
// refuses — naming the line — what it cannot read.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/text/decodeText';

const text = 'code,name_zh,unit\r\nP1,老师傅牛肉面,箱\r\nP2,康师傅红烧牛肉面,袋\r\n';
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const bom = { utf8: [0xef, 0xbb, 0xbf], le: [0xff, 0xfe], be: [0xfe, 0xff] };

describe('decodeText', () => {
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from(bom.utf8), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from(bom.le), Buffer.from(text, 'utf16le')]), 'utf-16le'],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from(bom.be), utf16be(text)]), 'utf-16be'],
    ['GBK (Excel "CSV" in a Chinese locale)', iconv.encode(text, 'gbk'), 'gb18030'],
    ['GB18030 with a four-byte character', iconv.encode(`${text}P3,𠮷野家,个\r\n`, 'gb18030'), 'gb18030'],
  ])('reads %s', (_label, bytes, encoding) => {
    const r = decodeText(new Uint8Array(bytes));
    expect(r).toMatchObject({ ok: true, encoding });
    if (r.ok) {
      expect(r.text.startsWith('code,name_zh,unit\r\n')).toBe(true); // no BOM left in the text
      expect(r.text).toContain('老师傅牛肉面');
      expect(r.text).not.toContain('\uFFFD');
    }
  });

  it('reads plain ASCII as UTF-8 and takes an ArrayBuffer', () => {
    const bytes = new Uint8Array(Buffer.from('code,unit\nA,pcs\n'));
    expect(decodeText(bytes.buffer)).toMatchObject({ ok: true, encoding: 'utf-8', text: 'code,unit\nA,pcs\n' });
  });

  it('refuses a stray invalid byte, naming its line', () => {
    const gbk = iconv.encode(text, 'gbk');
    const bad = Buffer.concat([gbk, Buffer.from('P3,'), Buffer.from([0xff]), Buffer.from(',箱\r\n', 'utf8')]);
    expect(decodeText(bad)).toEqual({ ok: false, line: 4, reason: 'undecodable' });
    const utf8 = Buffer.concat([Buffer.from('a,b\nc,d\ne,'), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(decodeText(utf8)).toEqual({ ok: false, line: 3, reason: 'undecodable' });
  });

  it('refuses a broken UTF-8 file with a BOM and broken UTF-16, naming the line', () => {
    const utf8 = Buffer.concat([Buffer.from(bom.utf8), Buffer.from('a\nb\n'), Buffer.from([0xc3, 0x28])]);
    expect(decodeText(utf8)).toEqual({ ok: false, line: 3, reason: 'undecodable' });
    // A lone high surrogate on line 2.
    const le = Buffer.concat([Buffer.from(bom.le), Buffer.from('x\n', 'utf16le'), Buffer.from([0x3d, 0xd8, 0x41, 0])]);
    expect(decodeText(le)).toEqual({ ok: false, line: 2, reason: 'undecodable' });
  });

  it('refuses UTF-16 without its BOM rather than reading NUL characters', () => {
    expect(decodeText(Buffer.from('a,b\n名字,c\n', 'utf16le'))).toMatchObject({
      ok: false,
      line: 1,
      reason: 'nulByte',
    });
  });
});
