/**
 * `npm run -s bench:digest [-- --check]`
 *
 * One SHA-256 over everything the core emits for each export it is measured or tested on:
 * every real fixture (tests/fixtures/real), every sample (samples/) and generated exports of
 * every format (with bad rows, repeated blocks, every Strong language), each read in small
 * and in large chunks. A digest covers each session as emitted (id, content hash, every
 * field, every set in order, lines) and the whole report (counts, rejects with their lines
 * and messages). Why: a change made for speed must not change a single output; comparing
 * these digests before and after says so over ~100 files in a few seconds.
 *
 * Prints `digest  file` lines and a total; `--check` compares them with
 * scripts/bench/digests.txt (written by `--write`) and exits 1 naming every file that differs.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { RowIssue } from '../../lambda/src/core/errors.js';
import { collectExport } from '../../lambda/src/core/index.js';
import {
  GENERATOR_FORMATS,
  GENERATOR_LANGUAGES,
  type GenerateOptions,
  generateText,
} from '../lib/generate/index.js';
import { HERE, ROOT } from './workers.js';

const DIGESTS = join(HERE, 'digests.txt');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return filesUnder(path);
      return /\.(csv|jsonl|txt)$/.test(name) ? [path] : [];
    });

const generated = (): { name: string; options: GenerateOptions }[] => [
  ...GENERATOR_FORMATS.flatMap((format) => [
    { name: `generated/${format}`, options: { format, sessions: 300, seed: 7 } },
    { name: `generated/${format}-bad-rows`, options: { format, sessions: 200, seed: 8, badRows: 40 } },
    {
      name: `generated/${format}-repeated-blocks`,
      options: { format, sessions: 200, seed: 9, repeatedBlocks: true },
    },
  ]),
  ...GENERATOR_LANGUAGES.map((language) => ({
    name: `generated/strong-${language}`,
    options: { format: 'strong' as const, sessions: 150, seed: 10, language },
  })),
];

const chunks = (bytes: Uint8Array, size: number): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
};

/** The digest of what the core emits for these bytes, read in chunks of `size`. */
const digestOf = async (bytes: Uint8Array, size: number): Promise<string> => {
  const rejected: RowIssue[] = [];
  const { sessions, report } = await collectExport(chunks(bytes, size), {
    athlete: 'digest',
    timezone: 'Europe/Berlin',
    maxRejectedShare: 1,
    sourceName: 'digest.csv',
    onRejected: (issue) => rejected.push(issue),
  });
  const hash = createHash('sha256');
  for (const session of sessions) hash.update(`${JSON.stringify(session)}\n`);
  hash.update(JSON.stringify(report));
  hash.update(JSON.stringify(rejected));
  return hash.digest('hex').slice(0, 32);
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { check: { type: 'boolean' }, write: { type: 'boolean' } } });
  const inputs = [
    ...[join(ROOT, 'tests', 'fixtures', 'real'), join(ROOT, 'samples')].flatMap(filesUnder).map((path) => ({
      name: relative(ROOT, path),
      bytes: new Uint8Array(readFileSync(path)),
    })),
    ...generated().map(({ name, options }) => ({
      name,
      bytes: new TextEncoder().encode(generateText(options)),
    })),
  ];
  const lines: string[] = [];
  for (const { name, bytes } of inputs) {
    for (const size of [997, 256 * 1024]) lines.push(`${await digestOf(bytes, size)}  ${name} @${size}`);
  }
  const total = createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 32);
  if (values.write) writeFileSync(DIGESTS, `${lines.join('\n')}\n`);
  if (values.check) {
    const expected = new Set(readFileSync(DIGESTS, 'utf8').trim().split('\n'));
    const differ = lines.filter((line) => !expected.has(line));
    for (const line of differ) console.log(`differs: ${line}`);
    console.log(`${lines.length - differ.length} of ${lines.length} digests as before; total ${total}`);
    if (differ.length > 0) process.exitCode = 1;
    return;
  }
  for (const line of lines) console.log(line);
  console.log(`total ${total} over ${lines.length} reads`);
};

await main();
