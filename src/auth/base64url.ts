/**
 * Base64url that is written exactly one way (RFC 7515 §2): the alphabet only, no padding, no
 * whitespace and no spare bits in the last character. A lenient decoder would give one value many
 * spellings, which breaks every check keyed on the text (a single-use grant, a key's identity).
 */
export function decodeCanonicalBase64url(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value)) return undefined;
  const bytes = Buffer.from(value, 'base64url');
  return bytes.toString('base64url') === value ? bytes : undefined;
}
