import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambda/src/config.js';
import { goldRunRequestOf } from '../../../lambda/src/core/gold/index.js';
import { GOLD_RUN_METRIC } from '../../../lambda/src/gold-app.js';
import { getEnvironment, validateEnvironment } from '../../../stacks/config/environments.js';
import { resourceNames } from '../../../stacks/config/naming.js';
import { boundaryStatements, type EnvironmentScope } from '../../../stacks/constructs/deploy-permissions.js';
import { GOLD_COMMAND } from '../../../stacks/constructs/gold-function.js';
import { PipelineStack } from '../../../stacks/pipeline-stack.js';
import type { TfJson } from './synth.js';
import { IMAGE, ref, resource, statements, synth, testApp } from './synth.js';

let prod: TfJson;
beforeAll(() => {
  prod = synth(
    new PipelineStack(testApp(), {
      config: getEnvironment('prod'),
      imageUri: IMAGE,
      state: { kind: 's3', bucket: 'acme-tfstate', region: 'eu-west-1' },
    }),
  );
});

const id = (type: string, prefix: string) => resource(prod, type, prefix).id;

describe('the gold run in the pipeline stack', () => {
  it("runs the processor's image with the gold entry point and the variables the Lambda reads", () => {
    // Act
    const fn = resource(prod, 'aws_lambda_function', 'gold_function');
    const processor = resource(prod, 'aws_lambda_function', 'processor_function');
    const vars = (fn.environment as { variables: Record<string, string> }).variables;

    // Assess
    expect(fn).toMatchObject({
      function_name: 'workout-pipeline-prod-gold',
      package_type: 'Image',
      image_uri: processor.image_uri,
      image_config: { command: [GOLD_COMMAND] },
      architectures: ['x86_64'],
      memory_size: 512,
      timeout: 300,
      tracing_config: { mode: 'Active' },
    });
    expect(GOLD_COMMAND).toBe('gold-handler.handler');
    expect(vars.GOLD_TIMEZONE).toBe('UTC');
    // The function's configuration loads from exactly what the stack sets (tokens aside).
    const resolved = Object.fromEntries(
      Object.entries(vars).map(([k, v]) => [
        k,
        v.startsWith('${') ? (k === 'SUMMARY_TOPIC_ARN' ? 'arn:aws:sns:eu-west-1:123456789012:t' : 'x') : v,
      ]),
    );
    expect(loadConfig(resolved)).toMatchObject({ goldTimezone: 'UTC', environmentName: 'prod' });
  });

  it('grants the gold run exact actions on exact resources', () => {
    // Act
    const granted = statements(prod, 'gold_permissions').map(({ sid, actions, resources }) => ({
      sid,
      actions,
      resources,
    }));

    // Assess
    const processed = ref('aws_s3_bucket', id('aws_s3_bucket', 'processed_bucket'), 'arn');
    const sessions = ref('aws_dynamodb_table', id('aws_dynamodb_table', 'sessions_table'), 'arn');
    expect(granted).toEqual([
      {
        sid: 'WriteGold',
        actions: ['s3:PutObject'],
        resources: [`${processed}/gold/*`, `${processed}/reports/daily/*`],
      },
      { sid: 'ReadSilver', actions: ['s3:GetObject'], resources: [`${processed}/silver/*`] },
      { sid: 'TellMissingSilver', actions: ['s3:ListBucket'], resources: [processed] },
      {
        sid: 'ReadSessions',
        actions: ['dynamodb:Query'],
        resources: [sessions, `${sessions}/index/by-week`],
      },
      {
        sid: 'ClearGoldMarks',
        actions: ['dynamodb:DeleteItem', 'dynamodb:Scan'],
        resources: [ref('aws_dynamodb_table', id('aws_dynamodb_table', 'gold-marks_table'), 'arn')],
      },
      {
        sid: 'WeeklyMessageMarkers',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [ref('aws_dynamodb_table', id('aws_dynamodb_table', 'idempotency_table'), 'arn')],
      },
      {
        sid: 'PublishWeekly',
        actions: ['sns:Publish'],
        resources: [ref('aws_sns_topic', id('aws_sns_topic', 'summary_topic'), 'arn')],
      },
      {
        sid: 'UseEnvironmentKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [ref('aws_kms_key', id('aws_kms_key', 'key_'), 'arn')],
      },
      {
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [
          `${ref('aws_cloudwatch_log_group', id('aws_cloudwatch_log_group', 'gold_log-group'), 'arn')}:*`,
        ],
      },
      {
        sid: 'XRayTracing',
        actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
        resources: ['*'],
      },
    ]);
  });

  it('stays within the permissions boundary of the environment', () => {
    // Prepare
    const boundary = boundaryStatements({
      account: { partition: 'aws', accountId: '123456789012' } as unknown as EnvironmentScope['account'],
      env: 'prod',
      region: 'eu-west-1',
      namePrefix: 'workout-pipeline-prod',
      buckets: { ingest: 'workout-pipeline-prod-ingest', processed: 'workout-pipeline-prod-processed' },
      boundaryArn: 'arn:aws:iam::123456789012:policy/b',
    });
    const allowed = new Set(boundary.flatMap((st) => st.actions));

    // Act
    const granted = [
      ...statements(prod, 'gold_permissions'),
      ...statements(prod, 'gold_scheduler-permissions'),
    ].flatMap((st) => st.actions ?? []);

    // Assess
    expect(granted.filter((action) => !allowed.has(action))).toEqual([]);
    const roles = Object.values(prod.resource.aws_iam_role ?? {}).filter((r) =>
      String(r.name).includes('-gold-'),
    );
    expect(roles.map((r) => r.permissions_boundary)).toEqual([
      expect.stringMatching(/:policy\/workout-pipeline-prod-boundary$/),
      expect.stringMatching(/:policy\/workout-pipeline-prod-boundary$/),
    ]);
  });

  it('schedules the run daily in the configured timezone, with a role that may only invoke it', () => {
    // Act
    const schedule = resource(prod, 'aws_scheduler_schedule', 'gold_schedule');
    const target = schedule.target as Record<string, unknown>;
    const fnArn = ref('aws_lambda_function', id('aws_lambda_function', 'gold_function'), 'arn');

    // Assess
    expect(schedule).toMatchObject({
      name: resourceNames('prod').gold.schedule,
      schedule_expression: 'cron(30 4 * * ? *)',
      schedule_expression_timezone: 'UTC',
      flexible_time_window: { mode: 'OFF' },
    });
    expect(target).toMatchObject({
      arn: fnArn,
      role_arn: ref('aws_iam_role', id('aws_iam_role', 'gold_scheduler-role'), 'arn'),
      retry_policy: { maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 },
    });
    // What the schedule sends is what the gold entry point reads as the scheduled run.
    expect(goldRunRequestOf(JSON.parse(String(target.input)))).toEqual({ kind: 'scheduled' });
    const key = ref('aws_kms_key', id('aws_kms_key', 'key_'), 'arn');
    expect(schedule.kms_key_arn).toBe(key);
    expect(statements(prod, 'gold_scheduler-permissions')).toEqual([
      { sid: 'InvokeGold', effect: 'Allow', actions: ['lambda:InvokeFunction'], resources: [fnArn] },
      { sid: 'DecryptScheduleInput', effect: 'Allow', actions: ['kms:Decrypt'], resources: [key] },
    ]);
    expect(statements(prod, 'gold_scheduler-trust')[0]).toMatchObject({
      principals: [{ type: 'Service', identifiers: ['scheduler.amazonaws.com'] }],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [expect.any(String)] }],
    });
  });

  it('alarms when no run report was written for 24 hours, when a run fails, and near its timeout', () => {
    // Act
    const alarms = Object.fromEntries(
      Object.values(prod.resource.aws_cloudwatch_metric_alarm ?? {}).map((a) => [a.alarm_name, a]),
    );

    // Assess: missing data is the failure the first alarm is for.
    expect(alarms['workout-pipeline-prod-gold-no-run-report']).toMatchObject({
      namespace: 'WorkoutPipeline',
      metric_name: GOLD_RUN_METRIC,
      dimensions: { service: 'workout-pipeline', environment: 'prod' },
      statistic: 'Sum',
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      period: 3600,
      evaluation_periods: 24,
      datapoints_to_alarm: 24,
      treat_missing_data: 'breaching',
    });
    expect(alarms['workout-pipeline-prod-gold-errors']).toMatchObject({
      namespace: 'AWS/Lambda',
      metric_name: 'Errors',
      dimensions: { FunctionName: 'workout-pipeline-prod-gold' },
      threshold: 1,
    });
    expect(alarms['workout-pipeline-prod-gold-duration-near-timeout']).toMatchObject({
      metric_name: 'Duration',
      dimensions: { FunctionName: 'workout-pipeline-prod-gold' },
      threshold: 240_000,
    });
  });

  it('refuses a schedule that is not a six-field cron expression, naming the field', () => {
    // Act
    const attempt = () =>
      validateEnvironment({
        ...getEnvironment('dev'),
        gold: { ...getEnvironment('dev').gold, schedule: '0 4 * * *' },
      });

    // Assess
    expect(attempt).toThrow(/gold\.schedule.*six fields, such as cron\(30 4 \* \* \? \*\)/);
  });
});
