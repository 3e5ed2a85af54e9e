/**
 * Per-upload CloudWatch metrics, written as Embedded Metric Format lines to the log
 * (Powertools Metrics): no PutMetricData call, no extra permission, one log line per upload.
 * Dimensions stay low-cardinality (service, and the environment when the stack names it);
 * an athlete, key or upload id as a dimension would make a metric per person or file.
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { UploadReport } from '../core/upload-report.js';

/** The metric names, for alarms and dashboards (README lists them). */
export const UPLOAD_METRIC_NAMES = [
  'RowsRead',
  'SessionsNew',
  'SessionsUpdated',
  'SessionsUnchanged',
  'SessionsStale',
  'RowsRejected',
  'FileRejected',
  'UploadSuperseded',
] as const;
export type UploadMetricName = (typeof UPLOAD_METRIC_NAMES)[number];

export function uploadMetricsOf(report: UploadReport): Record<UploadMetricName, number> {
  const c = report.counts;
  return {
    RowsRead: c.rows,
    SessionsNew: c.newSessions,
    SessionsUpdated: c.updatedSessions,
    SessionsUnchanged: c.unchangedSessions,
    SessionsStale: c.staleSessions,
    RowsRejected: c.rejectedRows,
    // 0 for a file that was taken, so Average over a period is the share of rejected files.
    FileRejected: report.status === 'rejected' ? 1 : 0,
    UploadSuperseded: report.status === 'superseded' ? 1 : 0,
  };
}

/** Writes one EMF line with every metric of this upload. */
export function publishUploadMetrics(metrics: Metrics, report: UploadReport): void {
  for (const [name, value] of Object.entries(uploadMetricsOf(report))) {
    metrics.addMetric(name, MetricUnit.Count, value);
  }
  metrics.publishStoredMetrics();
}
