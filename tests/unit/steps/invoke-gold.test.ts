import { describe, expect, it } from 'vitest';
import type { GoldRunReport } from '../../../lambda/src/gold.js';
import {
  type InvokeFn,
  invokeGold,
  lambdaInvoker,
  summaryRows,
} from '../../../scripts/steps/invoke-gold/run.js';

const REPORT: GoldRunReport = {
  run: 'reprocess',
  runDate: '2026-10-07',
  requestedDays: ['2026-10-07'],
  messagesWeek: null,
  startedAt: '2026-12-02T06:00:00.000Z',
  durationMs: 120,
  functionVersion: null,
  counts: {
    athletes: 1,
    dailyFiles: 1,
    weeklyFiles: 1,
    messagesPublished: 0,
    sessionsFromSilver: 0,
    marksCleared: 0,
    marksKept: 0,
    failedAthletes: 0,
  },
  athletes: [{ athlete: 'ana', days: ['2026-10-07'], weeks: ['2026-W41'], message: null }],
  skipped: [],
  failed: [],
};

describe('invoke-gold: the reprocess run, invoked and reported', () => {
  it("invokes the environment's gold function with the request and returns its report", async () => {
    // Prepare
    const calls: [string, string][] = [];
    const invoke: InvokeFn = async (name, payload) => {
      calls.push([name, payload]);
      return { payload: JSON.stringify(REPORT) };
    };

    // Act
    const report = await invokeGold('staging', '{"runDate":"2026-10-07"}', invoke);

    // Assess
    expect(calls).toEqual([['workout-pipeline-staging-gold', '{"runDate":"2026-10-07"}']]);
    expect(report).toEqual(REPORT);
    expect(summaryRows(report)).toEqual([
      ['Athlete', 'Days', 'Weeks'],
      ['ana', '2026-10-07', '2026-W41'],
    ]);
  });

  it("fails with the function's own error, saying a rerun is safe", async () => {
    // Prepare: what Lambda returns for an unhandled error.
    const invoke: InvokeFn = async () => ({
      functionError: 'Unhandled',
      payload: JSON.stringify({
        errorType: 'GoldRunFailed',
        errorMessage: 'Gold failed for 1 athlete (bea: x)',
      }),
    });

    // Act
    const attempt = invokeGold('prod', '{"runDate":"2026-10-07"}', invoke);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: 'GOLD_RUN_FAILED',
      message:
        'workout-pipeline-prod-gold failed (GoldRunFailed): Gold failed for 1 athlete (bea: x). Its marks stay for the next run; fix the cause and run this workflow again with the same dates.',
    });
  });

  it('fails when the function answers with something that is not a run report', async () => {
    const attempt = invokeGold('dev', '{}', async () => ({ payload: 'null' }));

    await expect(attempt).rejects.toMatchObject({
      code: 'GOLD_RUN_FAILED',
      message: /returned no run report/,
    });
  });

  it('invokes synchronously, the payload as bytes, and decodes the answer', async () => {
    // Prepare
    const inputs: Record<string, unknown>[] = [];
    const client = {
      send: async (command: { input: Record<string, unknown> }) => {
        inputs.push(command.input);
        return { FunctionError: undefined, Payload: new TextEncoder().encode('{"ok":1}') };
      },
    } as unknown as Parameters<typeof lambdaInvoker>[0];

    // Act
    const result = await lambdaInvoker(client)('f', '{"runDate":"2026-10-07"}');

    // Assess
    expect(result).toEqual({ payload: '{"ok":1}' });
    expect(inputs[0]).toMatchObject({ FunctionName: 'f', InvocationType: 'RequestResponse' });
    expect(new TextDecoder().decode(inputs[0]?.Payload as Uint8Array)).toBe('{"runDate":"2026-10-07"}');
  });
});
