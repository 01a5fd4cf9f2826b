import { decodeOcrGiro } from '../bankfiler/index.js';

/**
 * The text of a payment file's bytes. XML (camt.054; after an optional byte order mark and white
 * space) is UTF-8, as the Norwegian banks send it; anything else is read as Nets OCR giro, which is
 * ISO-8859-1 — unless the sender said UTF-8 (an HTTP `charset`).
 */
export function innbetalingsfilTekst(bytes: Uint8Array, charset?: string): string {
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: false });
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length && isWhiteSpace(bytes[start]!)) start += 1;
  if (bytes[start] === 0x3c /* < */ || charset?.toLowerCase() === 'utf-8') return utf8.decode(bytes);
  return decodeOcrGiro(bytes);
}

function isWhiteSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
