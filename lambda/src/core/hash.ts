import { createHash } from 'node:crypto';

/**
 * Hashes a list of parts. Each part is length-prefixed so ('ab','c') and ('a','bc') differ;
 * nothing machine-specific (locale, object key order, float formatting beyond JS's own
 * shortest round-trip form) enters the digest.
 */
export const hashParts = (parts: readonly (string | number | null)[]): string => {
  const h = createHash('sha256');
  for (const part of parts) {
    const text = part === null ? '\u0000' : typeof part === 'number' ? `#${part}` : `s${part}`;
    h.update(`${text.length}:${text}`);
  }
  return h.digest('hex');
};
