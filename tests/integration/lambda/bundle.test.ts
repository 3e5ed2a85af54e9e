import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Handler } from '../../../lambda/src/app.js';
import { bundleLambda } from '../../../scripts/lib/bundle.js';
import { MONDAY, strongExport } from './exports.js';
import { createPipelineFixture, lambdaContext } from './pipeline-fixture.js';

describe('the bundled handler (what the image runs)', () => {
  it('is one self-contained ESM file that processes an upload end to end', async () => {
    // Prepare: a pipeline in the emulator, and the bundle configured by environment as in Lambda.
    const p = await createPipelineFixture();
    const outfile = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'handler.mjs');
    const { bytes } = await bundleLambda(process.cwd(), outfile);
    Object.assign(process.env, p.pipeline.functionEnv, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
    const { handler } = (await import(pathToFileURL(outfile).href)) as { handler: Handler };
    const event = await p.uploadAndReceiveEvent('uploads/bo/strong.csv', strongExport([MONDAY]));

    // Act
    const result = await handler(event, lambdaContext());

    // Assess
    expect(bytes).toBeGreaterThan(100_000);
    expect(result.uploads[0]).toMatchObject({ status: 'ok', counts: { newSessions: 1, sets: 3 } });
    expect(await p.storedSessions('bo')).toHaveLength(1);
    expect(await p.summaries(1)).toHaveLength(1);
  });
});
