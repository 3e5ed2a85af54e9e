/**
 * invoke-gold: the second step of reprocess.yml. Invokes the environment's gold function
 * (stacks/config names it) with the event reprocess-request validated, waits for the run
 * (RequestResponse: a run takes at most the function's timeout), and writes its report to
 * the job summary: days, athletes and weeks recomputed, sessions skipped and why, athletes
 * that failed. A failed run fails the step with the function's own message; its marks and
 * files are as the run left them, and running the same request again is safe.
 *
 * Inputs: environment (dev | staging | prod), payload (the JSON event), region.
 * Outputs: report_key (where the run report is in the processed bucket).
 */
import * as core from '@actions/core';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { type GoldRunReport, goldReportKey } from '../../../lambda/src/gold.js';
import { DEPLOY_ENVIRONMENTS, resourceNames } from '../../../stacks/config/index.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, requiredInput, runStep } from '../lib/inputs.js';

/** What the step needs of Lambda: one synchronous invocation. */
export type InvokeFn = (
  functionName: string,
  payload: string,
) => Promise<{ readonly functionError?: string; readonly payload: string }>;

export function lambdaInvoker(client: LambdaClient): InvokeFn {
  return async (functionName, payload) => {
    const output = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(payload),
      }),
    );
    return {
      ...(output.FunctionError ? { functionError: output.FunctionError } : {}),
      payload: new TextDecoder().decode(output.Payload ?? new Uint8Array()),
    };
  };
}

/** Runs the gold function and returns its report, or throws GOLD_RUN_FAILED with its message. */
export async function invokeGold(
  environment: (typeof DEPLOY_ENVIRONMENTS)[number],
  payload: string,
  invoke: InvokeFn,
): Promise<GoldRunReport> {
  const functionName = resourceNames(environment).gold.function;
  const result = await invoke(functionName, payload);
  if (result.functionError) {
    const error = parsed(result.payload) as { errorType?: string; errorMessage?: string } | undefined;
    throw new StepError(
      'GOLD_RUN_FAILED',
      `${functionName} failed (${error?.errorType ?? result.functionError}): ${error?.errorMessage ?? result.payload}. Its marks stay for the next run; fix the cause and run this workflow again with the same dates.`,
    );
  }
  const report = parsed(result.payload) as GoldRunReport | undefined;
  if (!report || typeof report.counts !== 'object') {
    throw new StepError(
      'GOLD_RUN_FAILED',
      `${functionName} returned no run report (got ${result.payload.slice(0, 200)}).`,
    );
  }
  return report;
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The job summary's rows: one per athlete, then what was skipped. */
export function summaryRows(report: GoldRunReport): string[][] {
  return [
    ['Athlete', 'Days', 'Weeks'],
    ...report.athletes.map((a) => [a.athlete, a.days.join(', ') || '-', a.weeks.join(', ') || '-']),
  ];
}

export async function run(): Promise<void> {
  await runStep(async () => {
    const environment = choiceInput('environment', DEPLOY_ENVIRONMENTS);
    const payload = requiredInput('payload');
    const region = requiredInput('region');
    const report = await invokeGold(environment, payload, lambdaInvoker(new LambdaClient({ region })));
    const key = goldReportKey(report);
    core.setOutput('report_key', key);
    const c = report.counts;
    const summary = core.summary
      .addHeading(`Gold reprocessed in ${environment}: ${report.requestedDays.join(', ')}`, 2)
      .addRaw(
        `${c.athletes} athletes, ${c.dailyFiles} daily and ${c.weeklyFiles} weekly files in ${report.durationMs} ms. Run report: \`${key}\` in the processed bucket.`,
        true,
      )
      .addTable(
        summaryRows(report).map((row, i) => row.map((data) => (i === 0 ? { data, header: true } : data))),
      );
    if (report.skipped.length > 0) {
      summary
        .addHeading('Not counted', 3)
        .addList(report.skipped.map((s) => `${s.athlete}, ${s.what}: ${s.reason}`));
    }
    await summary.write();
    core.info(`Gold run report: ${key}`);
  });
}
