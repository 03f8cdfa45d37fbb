// An order file's bytes as text. Chinese Excel writes CSV as GBK/GB18030 (or
// UTF-16 for "Unicode text"); others write UTF-8 with or without a BOM. The BOM
// decides when there is one; else strict UTF-8, else GB18030 (a superset of GBK)
// — never a replacement character standing in for a name.
export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function decodeFile(bytes: Uint8Array): { text: string; encoding: FileEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
