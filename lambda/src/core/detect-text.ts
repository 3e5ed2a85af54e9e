import { FileRejectedError } from './errors.js';

/**
 * Decides from the first bytes of a file whether it is text the core can read, and how it
 * is encoded. Binary files (ZIP/XLSX, old XLS, PDF, gzip, images, anything with NUL bytes)
 * are rejected with a reason that tells the person what to do instead.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const SIGNATURES: readonly { readonly bytes: readonly number[]; readonly what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook is one)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an Excel 97-2003 workbook' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const notText = (what: string): FileRejectedError =>
  new FileRejectedError(
    'NOT_TEXT',
    `the file is ${what}, not a CSV or JSON Lines text file; export it as CSV`,
  );

/** Bytes a valid UTF-8 prefix may end with mid-character; they are not counted as errors. */
const isValidUtf8Prefix = (bytes: Uint8Array): boolean => {
  let end = bytes.length;
  // Drop up to 3 trailing bytes of a possibly cut multi-byte sequence.
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back] ?? 0;
    if ((b & 0xc0) === 0xc0) {
      end = bytes.length - back;
      break;
    }
    if ((b & 0xc0) !== 0x80) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
};

/**
 * Sniffs the encoding of a file from its first bytes (up to a few KB). Throws
 * FileRejectedError NOT_TEXT for binary content and EMPTY_FILE for nothing but whitespace.
 */
export const sniffEncoding = (head: Uint8Array): TextEncoding => {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return checkEmpty(head.subarray(3), 'utf-8');
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  for (const sig of SIGNATURES) if (startsWith(head, sig.bytes)) throw notText(sig.what);
  let nul = 0;
  let control = 0;
  for (const b of head) {
    if (b === 0) nul++;
    else if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) control++;
  }
  if (nul > 0) {
    throw notText(
      nul * 3 >= head.length
        ? 'UTF-16 text without a byte-order mark, which cannot be read reliably; save it as UTF-8'
        : 'binary data',
    );
  }
  if (control * 100 > head.length) throw notText('binary data');
  if (isValidUtf8Prefix(head)) return checkEmpty(head, 'utf-8');
  // Not UTF-8: European Excel saves CSV as Windows-1252, where every byte is a character.
  return checkEmpty(head, 'windows-1252');
};

const checkEmpty = (bytes: Uint8Array, encoding: TextEncoding): TextEncoding => {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return encoding;
  throw new FileRejectedError('EMPTY_FILE', 'the file is empty: it has no header and no rows');
};

/** Text up to the first line break, BOM removed. */
export const firstLine = (text: string): string => {
  const clean = text.replace(/^\uFEFF/, '');
  const end = clean.search(/\r\n|\n|\r/);
  return end === -1 ? clean : clean.slice(0, end);
};

/** The delimiter that splits the header into the most fields (outside quotes). */
export const detectDelimiter = (headerLine: string): string => {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
};

/** Splits a header line on the delimiter, honouring double quotes. */
export const splitHeader = (headerLine: string, delimiter: string): string[] => {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const ch = headerLine[i];
    if (ch === '"') {
      if (quoted && headerLine[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      names.push(current.trim());
      current = '';
    } else current += ch;
  }
  names.push(current.trim());
  return names;
};
