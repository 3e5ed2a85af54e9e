/**
 * MapMyFitness's Android and iPhone exports write Notes as Python bytes literals: `b''` for
 * no note, `b'#runhappy'`, `b"it's"`, `b'they\'re'`, non-ASCII as `\xc3\xa9` (the UTF-8
 * bytes). This reads such a literal back to the text the person typed; any other text is
 * returned as it is. A literal that does not decode cleanly (a stray backslash, bytes that
 * are not UTF-8) is also returned as it is, so no note is ever lost.
 */
const LITERAL = /^b(['"])([\s\S]*)\1$/;
const SIMPLE: Readonly<Record<string, number>> = {
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  v: 0x0b,
  '0': 0x00,
};
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export const bytesLiteralText = (text: string | null): string | null => {
  if (text === null || text.charCodeAt(0) !== 0x62 /* b */) return text;
  const match = LITERAL.exec(text);
  if (match === null) return text;
  const body = match[2] ?? '';
  if (!body.includes('\\')) return body === '' ? null : body;
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c > 0x7f) return text; // Python never writes a non-ASCII character in a bytes literal
    if (c !== 0x5c) {
      bytes.push(c);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      bytes.push(Number.parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (SIMPLE[next] !== undefined) {
      bytes.push(SIMPLE[next]);
      i += 1;
    } else {
      return text;
    }
  }
  try {
    const decoded = strictUtf8.decode(new Uint8Array(bytes)).trim();
    return decoded === '' ? null : decoded;
  } catch {
    return text;
  }
};
