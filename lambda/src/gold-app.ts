/**
 * Builds the gold run's handler (the second entry point of the same image, gold-handler.ts)
 * from configuration and clients at cold start, as app.ts does for uploads. Its event is
 * the schedule's `{"gold":"scheduled"}` or a reprocess's `{"runDate"}` / `{"from","to"}`
 * (core/gold/run-request.ts); anything else fails the invocation with a message naming
 * the field, before any read.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { DynamoGoldMarks } from './adapters/gold-marks.js';
import { DynamoGoldSource } from './adapters/gold-source.js';
import { S3OutputSink } from './adapters/s3-sink.js';
import { S3SilverSessions } from './adapters/silver-sessions.js';
import { SnsSummaryPublisher } from './adapters/summary-publisher.js';
import { goldRunRequestOf } from './core/gold/index.js';
import { type GoldDeps, type GoldRunReport, goldReportKey, runGold } from './gold.js';
import { type AppOverrides, createRuntime } from './runtime.js';

export type GoldHandler = (event: unknown, context: Context) => Promise<GoldRunReport>;

/** The metric the "no gold run report for 24 hours" alarm watches (missing data breaches). */
export const GOLD_RUN_METRIC = 'GoldRunReports';

export function createGoldHandler(
  env: Record<string, string | undefined> = process.env,
  overrides: AppOverrides = {},
): GoldHandler {
  const { config, clients, logger, metrics, now } = createRuntime(env, overrides);
  const deps: GoldDeps = {
    source: new DynamoGoldSource(clients.documents, config.sessionsTable),
    marks: new DynamoGoldMarks(clients.documents, config.goldMarksTable),
    sink: new S3OutputSink(clients.s3, config.processedBucket),
    silver: new S3SilverSessions(clients.s3, config.processedBucket),
    publisher: new SnsSummaryPublisher(clients.sns, clients.documents, {
      topicArn: config.summaryTopicArn,
      markerTable: config.idempotencyTable,
      markerTtlSeconds: config.idempotencyTtlSeconds,
      now,
      onMarkerFailure: (id, error) =>
        logger.error('weekly message published but its marker was not saved; a retry may publish again', {
          id,
          error,
        }),
    }),
    now,
    timezone: config.goldTimezone,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? null,
  };

  return async (event, context) => {
    logger.addContext(context);
    const request = goldRunRequestOf(event);
    try {
      const report = await runGold(request, deps);
      logger.info('gold run finished', {
        report: goldReportKey(report),
        ...report.counts,
        durationMs: report.durationMs,
      });
      return report;
    } finally {
      // Also after a failed athlete: the report was written, and the errors alarm sees the failure.
      metrics.addMetric(GOLD_RUN_METRIC, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    }
  };
}
