/**
 * The per-upload metrics as CloudWatch reads them: one Embedded Metric Format line per
 * upload in the function's output, with the documented names, Count units, and only the
 * low-cardinality dimensions an alarm or dashboard can use.
 */
import { describe, expect, it } from 'vitest';
import { UPLOAD_METRIC_NAMES } from '../../../lambda/src/adapters/upload-metrics.js';
import { captured } from './captured-output.js';
import { MONDAY, strongExport, WEDNESDAY } from './exports.js';
import { createPipelineFixture } from './pipeline-fixture.js';

interface EmfDirective {
  readonly Namespace: string;
  readonly Dimensions: string[][];
  readonly Metrics: { Name: string; Unit: string }[];
}

/** The EMF lines among the JSON the invocation printed. */
function emfOf(json: readonly Record<string, unknown>[]) {
  return json.filter((line) => '_aws' in line) as (Record<string, unknown> & {
    _aws: { Timestamp: number; CloudWatchMetrics: EmfDirective[] };
  })[];
}

describe('metrics per upload (CloudWatch EMF)', () => {
  it('publishes the counts of a processed upload under the service and environment dimensions', async () => {
    const p = await createPipelineFixture({ ENVIRONMENT_NAME: 'staging' });
    const csv = strongExport([MONDAY, WEDNESDAY]).replace(';8;;;;;;;1h 5m\n', ';eight;;;;;;;1h 5m\n');
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', csv);

    const { json } = await captured(() => p.invoke(event));

    const emf = emfOf(json);
    expect(emf).toHaveLength(1);
    const [line] = emf;
    expect(line?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'WorkoutPipeline',
        Dimensions: [['service', 'environment']],
        Metrics: UPLOAD_METRIC_NAMES.map((Name) => ({ Name, Unit: 'Count' })),
      },
    ]);
    // Nothing else rides along: no athlete, key or upload id, as dimension or property.
    expect(line).toEqual({
      _aws: expect.objectContaining({ Timestamp: expect.any(Number) }),
      service: p.pipeline.functionEnv.POWERTOOLS_SERVICE_NAME,
      environment: 'staging',
      RowsRead: 5,
      SessionsNew: 2,
      SessionsUpdated: 0,
      SessionsUnchanged: 0,
      SessionsStale: 0,
      RowsRejected: 1,
      FileRejected: 0,
      UploadSuperseded: 0,
    });
  });

  it('counts a rejected file as FileRejected 1 with no sessions, under the service dimension alone', async () => {
    // Without ENVIRONMENT_NAME (the stacks always set it; a function run elsewhere may not).
    const p = await createPipelineFixture({
      POWERTOOLS_METRICS_NAMESPACE: 'WorkoutPipelineTest',
      ENVIRONMENT_NAME: undefined,
    });
    const event = await p.uploadAndReceiveEvent(
      'uploads/ana/bank.csv',
      'Date,Payee,Amount\n2026-01-01,Shop,12.50\n',
    );

    const { json } = await captured(() => p.invoke(event));

    const [line, ...more] = emfOf(json);
    expect(more).toEqual([]);
    expect(line?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'WorkoutPipelineTest',
      Dimensions: [['service']],
    });
    expect(line).toMatchObject({ FileRejected: 1, SessionsNew: 0, SessionsUpdated: 0, SessionsUnchanged: 0 });
  });

  it('counts an upload once when its event is delivered again', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', strongExport([MONDAY]));
    await p.invoke(event);

    const { json } = await captured(() => p.invoke(event));

    expect(emfOf(json)).toEqual([]);
  });
});
