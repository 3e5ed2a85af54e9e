import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Handler } from '../../../lambda/src/app.js';
import type { GoldHandler } from '../../../lambda/src/gold-app.js';
import { bundleLambda, GOLD_ENTRY } from '../../../scripts/lib/bundle.js';
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

  it('has a second self-contained entry point that runs gold for the marked weeks', async () => {
    // Prepare: an upload stored by the uploads bundle, then the gold bundle as its function runs it.
    const p = await createPipelineFixture();
    await p.invoke(await p.uploadAndReceiveEvent('uploads/bo/strong.csv', strongExport([MONDAY])));
    const outfile = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'gold-handler.mjs');
    const { bytes } = await bundleLambda(process.cwd(), outfile, GOLD_ENTRY);
    Object.assign(process.env, p.pipeline.functionEnv, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
    const { handler } = (await import(pathToFileURL(outfile).href)) as { handler: GoldHandler };

    // Act
    const report = await handler({ gold: 'scheduled' }, lambdaContext());

    // Assess: MONDAY is 2026-10-05, in week 41.
    expect(bytes).toBeGreaterThan(100_000);
    expect(report.athletes).toMatchObject([{ athlete: 'bo', days: ['2026-10-05'], weeks: ['2026-W41'] }]);
    expect(await p.listProcessed('gold/weekly/')).toEqual([
      'gold/weekly/athlete=bo/2026/week_41--2026-10-05__2026-10-11.json',
    ]);
  });
});
