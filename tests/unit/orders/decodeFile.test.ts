// Order files arrive as Chinese Excel writes them: GBK, UTF-16 with a BOM, or
// UTF-8 with or without one. Each is read back as the same text, never with
// replacement characters standing in for the names.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../../renderer/pages/orders/decodeFile';

const text = 'order_ref,customer_code,product_code,qty,note\nA-1,C0001,P10002,12,上午送货（请勿延误）';
const bytes = (b: Buffer) => new Uint8Array(b);

describe('an order file is read in the encoding it was written in', () => {
  it('reads GBK as Chinese Excel saves CSV', () => {
    expect(decodeFile(bytes(iconv.encode(text, 'gbk')))).toEqual({ text, encoding: 'gb18030' });
  });
  it('reads UTF-16 LE and BE by their byte order mark', () => {
    expect(decodeFile(bytes(iconv.encode(text, 'utf-16le', { addBOM: true })))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeFile(bytes(iconv.encode(text, 'utf-16be', { addBOM: true })))).toEqual({ text, encoding: 'utf-16be' });
  });
  it('reads UTF-8 with and without a byte order mark', () => {
    expect(decodeFile(bytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])))).toEqual({
      text,
      encoding: 'utf-8',
    });
    expect(decodeFile(bytes(Buffer.from(text)))).toEqual({ text, encoding: 'utf-8' });
  });
  it('never leaves a replacement character in a GBK file', () => {
    expect(decodeFile(bytes(iconv.encode(text, 'gbk'))).text).not.toContain('\uFFFD');
  });
});
