/**
 * Turns the bytes of a text file into text: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030
 * (a superset of GBK and GB2312, what Chinese Windows saves "CSV" in).
 */
import { TextDecoder } from 'node:util';
import { PeixunError, problem } from '../../errors.js';
import { wordIn } from '../normalise.js';
import type { EncodingName } from './source.js';

const ENCODING_ALIASES: Record<string, EncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
};

export function encodingFromOption(value: string): EncodingName | undefined {
  return wordIn(ENCODING_ALIASES, value.toLowerCase());
}

export const ENCODING_CHOICES = Object.keys(ENCODING_ALIASES);
/** The encodings themselves, each under its usual name (gbk and gb2312 are read as gb18030). */
export const ENCODING_NAMES = [...new Set(Object.values(ENCODING_ALIASES)), 'gbk'];

/** Decides from the first bytes of a file, which hold a BOM if there is one. */
export function detectEncoding(head: Uint8Array): EncodingName {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (looksUtf16Le(head)) return 'utf-16le';
  try {
    // stream: true lets a multi-byte character cut at the end of the head pass.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** UTF-16LE without a BOM: ASCII text leaves every second byte zero. */
function looksUtf16Le(head: Uint8Array): boolean {
  const sample = Math.min(head.length, 512) & ~1;
  if (sample < 4) return false;
  let zeroOdd = 0;
  for (let i = 1; i < sample; i += 2) if (head[i] === 0) zeroOdd++;
  return zeroOdd > sample / 4;
}

/**
 * Decodes a stream of byte chunks. Detection looks at the first chunk; a later byte that is not valid in
 * the chosen encoding is an error naming the encodings tried, never a silent replacement character.
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  forced: EncodingName | undefined,
  onEncoding: (encoding: EncodingName) => void,
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let encoding: EncodingName | undefined;
  const fail = (): never => {
    throw new PeixunError(
      problem(forced ? 'encodingForcedFailed' : 'encodingFailed', { file, encoding: encoding ?? '' }),
    );
  };
  for await (const chunk of chunks) {
    if (!decoder) {
      encoding = forced ?? detectEncoding(chunk);
      onEncoding(encoding);
      decoder = new TextDecoder(encoding, { fatal: true });
    }
    let text = '';
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      fail();
    }
    if (text) yield text;
  }
  if (decoder) {
    let rest = '';
    try {
      rest = decoder.decode();
    } catch {
      fail();
    }
    if (rest) yield rest;
  }
}
