import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../config/environments.js';
import type { AlarmThresholds } from '../config/types.js';

export interface PipelineAlarmsProps {
  /** Alarm names start with this. */
  readonly namePrefix: string;
  readonly functionName: string;
  /** The `environment` dimension the function's EMF metrics carry. */
  readonly environmentName: string;
  readonly functionTimeoutSeconds: number;
  /** The function's reserved concurrency, or null when it has none (the alarm text says which pool ran out). */
  readonly reservedConcurrency: number | null;
  readonly dlqName: string;
  readonly thresholds: AlarmThresholds;
  /** Topic notified on ALARM and on OK. */
  readonly operationsTopicArn: string;
  /** The daily gold run's function. */
  readonly gold: { readonly functionName: string; readonly timeoutSeconds: number };
}

/** Hours without a gold run report before its alarm fires. */
export const GOLD_REPORT_HOURS = 24;

/**
 * Errors, throttles, DLQ depth, failed deliveries to the DLQ, duration near the timeout and
 * a burst of uploads rejected as a whole, all notifying the operations topic.
 */
export class PipelineAlarms extends Construct {
  readonly alarms: Readonly<
    Record<
      | 'errors'
      | 'throttles'
      | 'dlqDepth'
      | 'dlqDeliveryFailures'
      | 'duration'
      | 'rejectedFiles'
      | 'goldNoRunReport'
      | 'goldErrors'
      | 'goldDuration',
      CloudwatchMetricAlarm
    >
  >;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    const t = props.thresholds;
    const common = {
      comparisonOperator: 'GreaterThanOrEqualToThreshold' as const,
      evaluationPeriods: t.evaluationPeriods,
      period: t.periodSeconds,
      // No invocations means nothing failed.
      treatMissingData: 'notBreaching' as const,
      alarmActions: [props.operationsTopicArn],
      okActions: [props.operationsTopicArn],
    };
    const lambda = { namespace: 'AWS/Lambda', dimensions: { FunctionName: props.functionName } };

    this.alarms = {
      errors: new CloudwatchMetricAlarm(this, 'errors', {
        ...common,
        ...lambda,
        alarmName: `${props.namePrefix}-errors`,
        alarmDescription: 'The function failed; async retries follow, then the event goes to the DLQ.',
        metricName: 'Errors',
        statistic: 'Sum',
        threshold: t.errors,
      }),
      throttles: new CloudwatchMetricAlarm(this, 'throttles', {
        ...common,
        ...lambda,
        alarmName: `${props.namePrefix}-throttles`,
        // Without a reservation the function still throttles when the account's unreserved pool
        // (the whole quota, 10 on a new account, shared by every function in the region) is used up.
        alarmDescription:
          props.reservedConcurrency !== null
            ? `Uploads arrive faster than the reserved concurrency (${props.reservedConcurrency}) allows; Lambda retries throttled events until they are older than the maximum event age, then sends them to the DLQ.`
            : "The account's unreserved concurrency in this region is used up (by this or other functions; this one reserves none); Lambda retries throttled events until they are older than the maximum event age, then sends them to the DLQ.",
        metricName: 'Throttles',
        statistic: 'Sum',
        threshold: t.throttles,
      }),
      dlqDepth: new CloudwatchMetricAlarm(this, 'dlq-depth', {
        ...common,
        namespace: 'AWS/SQS',
        dimensions: { QueueName: props.dlqName },
        alarmName: `${props.namePrefix}-dlq-depth`,
        alarmDescription: 'Uploads failed after all retries; their events wait in the DLQ.',
        metricName: 'ApproximateNumberOfMessagesVisible',
        statistic: 'Maximum',
        threshold: t.dlqDepth,
      }),
      // An event whose retries are exhausted and that Lambda then cannot put into the DLQ
      // (queue or key policy, a deleted queue) is gone: the DLQ-depth alarm never sees it.
      dlqDeliveryFailures: new CloudwatchMetricAlarm(this, 'dlq-delivery-failures', {
        ...common,
        ...lambda,
        alarmName: `${props.namePrefix}-dlq-delivery-failures`,
        alarmDescription:
          'Lambda could not deliver a failed upload event to the DLQ; that event is lost. Check the queue and key policies.',
        metricName: 'DestinationDeliveryFailures',
        statistic: 'Sum',
        threshold: 1,
      }),
      duration: new CloudwatchMetricAlarm(this, 'duration', {
        ...common,
        ...lambda,
        alarmName: `${props.namePrefix}-duration-near-timeout`,
        alarmDescription: `An invocation used ${Math.round(t.durationShareOfTimeout * 100)}% of the timeout.`,
        metricName: 'Duration',
        statistic: 'Maximum',
        unit: 'Milliseconds',
        threshold: Math.floor(props.functionTimeoutSeconds * 1000 * t.durationShareOfTimeout),
      }),
      // The function's own EMF metric (lambda/src/adapters/upload-metrics): no upload in the
      // period means no data, which is fine.
      rejectedFiles: new CloudwatchMetricAlarm(this, 'rejected-files', {
        ...common,
        namespace: METRICS_NAMESPACE,
        dimensions: { service: SERVICE_NAME, environment: props.environmentName },
        alarmName: `${props.namePrefix}-rejected-files`,
        alarmDescription: `${t.rejectedFiles} or more uploads were rejected as a whole in ${t.periodSeconds / 60} min; an app may have changed its export format. The reports under reports/ say why.`,
        metricName: 'FileRejected',
        statistic: 'Sum',
        threshold: t.rejectedFiles,
      }),
      // The gold run's own metric (lambda/src/gold-app.ts), one per run. Here no data is
      // the failure: a schedule that stopped, a role that cannot invoke, a run that crashed.
      goldNoRunReport: new CloudwatchMetricAlarm(this, 'gold-no-run-report', {
        ...common,
        namespace: METRICS_NAMESPACE,
        dimensions: { service: SERVICE_NAME, environment: props.environmentName },
        alarmName: `${props.namePrefix}-gold-no-run-report`,
        alarmDescription: `No gold run wrote its report (reports/daily/) for ${GOLD_REPORT_HOURS} hours: check the schedule and the gold function's logs.`,
        metricName: 'GoldRunReports',
        statistic: 'Sum',
        comparisonOperator: 'LessThanThreshold',
        threshold: 1,
        period: 3600,
        evaluationPeriods: GOLD_REPORT_HOURS,
        datapointsToAlarm: GOLD_REPORT_HOURS,
        treatMissingData: 'breaching',
      }),
      goldErrors: new CloudwatchMetricAlarm(this, 'gold-errors', {
        ...common,
        namespace: 'AWS/Lambda',
        dimensions: { FunctionName: props.gold.functionName },
        alarmName: `${props.namePrefix}-gold-errors`,
        alarmDescription:
          'A gold run failed (its report names the athletes); their marks stay for the next run, and Lambda retries it.',
        metricName: 'Errors',
        statistic: 'Sum',
        threshold: 1,
      }),
      goldDuration: new CloudwatchMetricAlarm(this, 'gold-duration', {
        ...common,
        namespace: 'AWS/Lambda',
        dimensions: { FunctionName: props.gold.functionName },
        alarmName: `${props.namePrefix}-gold-duration-near-timeout`,
        alarmDescription: `A gold run used ${Math.round(t.durationShareOfTimeout * 100)}% of its timeout; raise gold.timeoutSeconds in stacks/config before runs fail.`,
        metricName: 'Duration',
        statistic: 'Maximum',
        unit: 'Milliseconds',
        threshold: Math.floor(props.gold.timeoutSeconds * 1000 * t.durationShareOfTimeout),
      }),
    };
  }
}
