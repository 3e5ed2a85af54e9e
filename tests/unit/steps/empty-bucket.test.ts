import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunk, DELETE_BATCH_SIZE } from '../../../scripts/steps/empty-bucket/empty.js';
import { parseBuckets, run } from '../../../scripts/steps/empty-bucket/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

describe('empty-bucket inputs', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('takes one bucket per line, ignoring blank lines and repeats', () => {
    expect(parseBuckets(['a-bucket', '', '  b-bucket ', 'a-bucket'])).toEqual(['a-bucket', 'b-bucket']);
  });

  it('refuses a value that is not a bucket name before calling AWS', async () => {
    const result = await env.run(run, { buckets: 's3://Not_A_Bucket' });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('INVALID_INPUT');
  });

  it('refuses an empty bucket list', () => {
    expect(() => parseBuckets(['', ' '])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('deletes in batches no larger than DeleteObjects accepts', () => {
    const batches = chunk(
      Array.from({ length: 2 * DELETE_BATCH_SIZE + 1 }, (_, i) => i),
      DELETE_BATCH_SIZE,
    );

    expect(batches.map((b) => b.length)).toEqual([DELETE_BATCH_SIZE, DELETE_BATCH_SIZE, 1]);
  });
});
