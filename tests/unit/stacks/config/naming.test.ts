import { describe, expect, it } from 'vitest';
import {
  bootstrapNames,
  ENVIRONMENTS,
  pipelineStackName,
  resourceName,
  resourceNames,
  stateKey,
} from '../../../../stacks/config/index.js';
import { DEPLOY_ENVIRONMENTS, TARGETS } from '../../../../stacks/config/types.js';

describe('resource naming', () => {
  it('builds every name as <prefix>-<target>-<kind>', () => {
    expect(resourceName('dev', 'ingest')).toBe(`${ENVIRONMENTS.dev.prefix}-dev-ingest`);
  });

  it('gives the local run every name of an environment as plain data', () => {
    // Act
    const names = resourceNames('emulator');
    // Assess
    expect(JSON.parse(JSON.stringify(names))).toEqual(names);
    expect(names).toMatchObject({
      target: 'emulator',
      region: 'us-east-1',
      stack: 'workout-pipeline-emulator',
      buckets: {
        ingest: 'workout-pipeline-emulator-ingest',
        processed: 'workout-pipeline-emulator-processed',
      },
      tables: {
        sessions: 'workout-pipeline-emulator-sessions',
        idempotency: 'workout-pipeline-emulator-idempotency',
      },
      topics: {
        summary: 'workout-pipeline-emulator-summary',
        operations: 'workout-pipeline-emulator-operations',
      },
      queues: { dlq: 'workout-pipeline-emulator-dlq' },
      function: 'workout-pipeline-emulator-processor',
      logGroup: '/aws/lambda/workout-pipeline-emulator-processor',
      uploadsPrefix: 'uploads/',
      uploadSuffixes: ['.csv', '.jsonl'],
    });
  });

  it('keeps the names of different targets apart', () => {
    const all = TARGETS.flatMap((t) => {
      const n = resourceNames(t);
      return [n.buckets.ingest, n.buckets.processed, n.tables.sessions, n.function, n.stack];
    });
    expect(new Set(all).size).toBe(all.length);
  });

  it('keeps every bucket name within the S3 limits', () => {
    for (const t of TARGETS) {
      for (const bucket of Object.values(resourceNames(t).buckets)) {
        expect(bucket).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
      }
    }
  });

  it('gives each deploy environment its own state key', () => {
    const keys = DEPLOY_ENVIRONMENTS.map(stateKey);
    expect(new Set(keys).size).toBe(3);
    expect(bootstrapNames().stateKeys).toMatchObject({ prod: 'pipeline/prod/terraform.tfstate' });
  });

  it('names the stacks after their environment and the bootstrap stack after bootstrap', () => {
    expect(pipelineStackName('prod')).toBe('workout-pipeline-prod');
    expect(bootstrapNames().stack).toBe('workout-pipeline-bootstrap');
  });
});
