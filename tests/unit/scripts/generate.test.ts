import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectExport } from '../../../lambda/src/core/index.js';
import { run } from '../../../scripts/generate.js';

const generate = async (argv: string[]) => {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  let stderr = '';
  const code = await run(argv, { stdout, stderr: { write: (t: string) => (stderr += t) } as never });
  return { code, text: Buffer.concat(chunks).toString('utf8'), stderr };
};

describe('generate CLI', () => {
  it('writes the same export for the same seed and a different one for another seed', async () => {
    // Act
    const a = await generate(['--format', 'hevy', '--sessions', '4', '--seed', '9']);
    const b = await generate(['--format', 'hevy', '--sessions', '4', '--seed', '9']);
    const c = await generate(['--format', 'hevy', '--sessions', '4', '--seed', '10']);

    // Assess
    expect(a.code).toBe(0);
    expect(a.text).toBe(b.text);
    expect(a.text).not.toBe(c.text);
  });

  it('writes an export the core reads, with the requested sessions and bad rows', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'generate-'));
    const out = join(dir, 'strong.csv');

    // Act
    const code = (await generate(['--format', 'strong', '--sessions', '12', '--bad-rows', '2', '--out', out]))
      .code;
    const { report } = await collectExport([readFileSync(out)], {
      athlete: 'ann',
      timezone: 'UTC',
      maxRejectedShare: 1,
    });

    // Assess
    expect(code).toBe(0);
    expect(report).toMatchObject({ format: 'strong', sessions: 12, rejectedCount: 2, status: 'ok' });
  });

  it.each([
    [['--format', 'excel', '--sessions', '1']],
    [['--format', 'strong']],
    [['--format', 'strong', '--sessions', 'x']],
  ])('exits 1 with the usage on %j', async (argv) => {
    // Act
    const { code, stderr } = await generate(argv);

    // Assess
    expect(code).toBe(1);
    expect(stderr).toContain('usage: npm run -s generate');
  });
});
