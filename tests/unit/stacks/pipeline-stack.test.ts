import { beforeAll, describe, expect, it } from 'vitest';
import { getEnvironment, validateEnvironment } from '../../../stacks/config/environments.js';
import { COMMIT_TAG, resourceNames } from '../../../stacks/config/naming.js';
import type { Target } from '../../../stacks/config/types.js';
import { boundaryStatements, type EnvironmentScope } from '../../../stacks/constructs/deploy-permissions.js';
import { PipelineStack } from '../../../stacks/pipeline-stack.js';
import type { Statement, TfJson } from './synth.js';
import { IMAGE, ref, resource, resources, statements, synth, synthErrors, testApp } from './synth.js';

const STATE = { kind: 's3', bucket: 'acme-tfstate', region: 'eu-west-1' } as const;
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

function synthTarget(target: Target): { json: TfJson; stack: PipelineStack } {
  const stack = new PipelineStack(testApp(), {
    config: getEnvironment(target),
    imageUri: IMAGE,
    commit: COMMIT,
    state: target === 'emulator' ? { kind: 'local', path: '../../../terraform.emulator.tfstate' } : STATE,
    ...(target === 'emulator' ? { endpoint: 'http://127.0.0.1:5000' } : {}),
  });
  return { json: synth(stack), stack };
}

const stacks = {} as Record<Target, { json: TfJson; stack: PipelineStack }>;
beforeAll(() => {
  for (const target of ['dev', 'staging', 'prod', 'emulator'] as const) stacks[target] = synthTarget(target);
});

const bucketIds = (json: TfJson) => Object.keys(resources(json, 'aws_s3_bucket'));
const bySid = (list: Statement[]): Record<string, Statement | undefined> =>
  Object.fromEntries(list.map((s) => [s.sid ?? '', s]));

describe('pipeline stack: buckets', () => {
  it.each(['dev', 'staging', 'prod', 'emulator'] as const)(
    'encrypts, versions and blocks every bucket of %s',
    (t) => {
      const { json, stack } = stacks[t];
      const keyArn = ref('aws_kms_key', resource(json, 'aws_kms_key', 'key_').id, 'arn');
      expect(bucketIds(json)).toHaveLength(2);
      for (const id of bucketIds(json)) {
        const bucketRef = ref('aws_s3_bucket', id, 'id');
        const of = (type: string) =>
          Object.values(resources(json, type)).filter((r) => r.bucket === bucketRef);
        expect(of('aws_s3_bucket_server_side_encryption_configuration')).toEqual([
          expect.objectContaining({
            rule: [
              {
                apply_server_side_encryption_by_default: {
                  sse_algorithm: 'aws:kms',
                  kms_master_key_id: keyArn,
                },
                bucket_key_enabled: true,
              },
            ],
          }),
        ]);
        expect(of('aws_s3_bucket_public_access_block')).toEqual([
          expect.objectContaining({
            block_public_acls: true,
            block_public_policy: true,
            ignore_public_acls: true,
            restrict_public_buckets: true,
          }),
        ]);
        expect(of('aws_s3_bucket_versioning')).toEqual([
          expect.objectContaining({ versioning_configuration: { status: 'Enabled' } }),
        ]);
        expect(of('aws_s3_bucket_ownership_controls')).toEqual([
          expect.objectContaining({ rule: { object_ownership: 'BucketOwnerEnforced' } }),
        ]);
        expect(of('aws_s3_bucket_lifecycle_configuration')).toHaveLength(1);
      }
      expect(synthErrors(stack)).toEqual([]);
    },
  );

  it('denies every request to a bucket that does not use TLS', () => {
    const { json } = stacks.prod;
    for (const prefix of ['ingest_policy-document', 'processed_policy-document']) {
      const deny = bySid(statements(json, prefix)).DenyInsecureTransport;
      expect(deny).toMatchObject({
        effect: 'Deny',
        actions: ['s3:*'],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      });
    }
  });

  it('never lets prod force-destroy a bucket or delete a table', () => {
    const { json } = stacks.prod;
    for (const bucket of Object.values(resources(json, 'aws_s3_bucket')))
      expect(bucket.force_destroy).toBe(false);
    for (const table of Object.values(resources(json, 'aws_dynamodb_table'))) {
      expect(table.deletion_protection_enabled).toBe(true);
    }
  });

  it('lets dev be torn down', () => {
    for (const bucket of Object.values(resources(stacks.dev.json, 'aws_s3_bucket')))
      expect(bucket.force_destroy).toBe(true);
  });

  it('keeps the function from writing into the ingest bucket, even if its policy changed', () => {
    const deny = bySid(statements(stacks.dev.json, 'ingest_policy-document')).DenyWritesByTheFunction;
    expect(deny).toMatchObject({
      effect: 'Deny',
      actions: ['s3:PutObject'],
      condition: [
        {
          test: 'ArnEquals',
          variable: 'aws:PrincipalArn',
          values: [expect.stringMatching(/:role\/workout-pipeline-dev-processor-role$/)],
        },
      ],
    });
  });

  it('expires old versions and rejected rows by lifecycle rules', () => {
    const rules = resource(stacks.prod.json, 'aws_s3_bucket_lifecycle_configuration', 'processed_lifecycle')
      .rule as {
      id: string;
    }[];
    expect(rules.map((r) => r.id)).toEqual([
      'abort-incomplete-multipart-uploads',
      'expire-noncurrent-versions',
      'expire-rejected-rows',
    ]);
  });
});

describe('pipeline stack: tables, topics, queue', () => {
  it('keys the sessions table by athlete and sessionId, on demand, with PITR and the environment key', () => {
    const table = resource(stacks.prod.json, 'aws_dynamodb_table', 'sessions_table');
    expect(table).toMatchObject({
      name: 'workout-pipeline-prod-sessions',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'athlete',
      range_key: 'sessionId',
      attribute: [
        { name: 'athlete', type: 'S' },
        { name: 'sessionId', type: 'S' },
        { name: 'week', type: 'S' },
        { name: 'weekIndexKey', type: 'S' },
      ],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
    });
  });

  it('indexes sessions by ISO week and day, keys only, on the attributes the function writes', () => {
    const table = resource(stacks.prod.json, 'aws_dynamodb_table', 'sessions_table');
    expect(table.global_secondary_index).toEqual([
      { name: 'by-week', hash_key: 'week', range_key: 'weekIndexKey', projection_type: 'KEYS_ONLY' },
    ]);
  });

  it('keeps the gold marks by athlete and week, with PITR and the environment key', () => {
    expect(resource(stacks.prod.json, 'aws_dynamodb_table', 'gold-marks_table')).toMatchObject({
      name: 'workout-pipeline-prod-gold-marks',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'athlete',
      range_key: 'week',
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
    });
  });

  it('gives the idempotency table the Powertools key and TTL attribute', () => {
    expect(resource(stacks.prod.json, 'aws_dynamodb_table', 'idempotency_table')).toMatchObject({
      hash_key: 'id',
      attribute: [{ name: 'id', type: 'S' }],
      ttl: { attribute_name: 'expiration', enabled: true },
      point_in_time_recovery: { enabled: true },
    });
  });

  it('lets only the function and the gold run publish summaries', () => {
    const list = bySid(statements(stacks.prod.json, 'summary_policy-document'));
    const publishers = [
      expect.stringMatching(/:role\/workout-pipeline-prod-processor-role$/),
      expect.stringMatching(/:role\/workout-pipeline-prod-gold-role$/),
    ];
    expect(list.OnlyTheFunctionPublishes).toMatchObject({
      effect: 'Deny',
      actions: ['sns:Publish'],
      condition: [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: publishers }],
    });
    expect(list.FunctionPublishes?.principals?.[0]?.identifiers).toEqual(publishers);
  });

  it('encrypts both topics and logs their delivery status', () => {
    for (const topic of Object.values(resources(stacks.prod.json, 'aws_sns_topic'))) {
      expect(topic.kms_master_key_id).toMatch(/aws_kms_key/);
      expect(topic.lambda_failure_feedback_role_arn).toMatch(/delivery-status-role/);
      expect(topic.http_failure_feedback_role_arn).toMatch(/delivery-status-role/);
    }
  });

  it('keeps failed events 14 days in an encrypted DLQ', () => {
    expect(resource(stacks.prod.json, 'aws_sqs_queue', 'dlq')).toMatchObject({
      name: 'workout-pipeline-prod-dlq',
      message_retention_seconds: 1_209_600,
      kms_master_key_id: expect.stringMatching(/aws_kms_key/),
    });
  });
});

describe('pipeline stack: function', () => {
  it('runs the image by digest with tracing, limits and the environment the Lambda expects', () => {
    const config = getEnvironment('prod');
    const fn = resource(stacks.prod.json, 'aws_lambda_function', 'processor_function');
    expect(fn).toMatchObject({
      function_name: 'workout-pipeline-prod-processor',
      package_type: 'Image',
      image_uri: IMAGE,
      memory_size: config.function.memoryMb,
      timeout: config.function.timeoutSeconds,
      tracing_config: { mode: 'Active' },
      kms_key_arn: expect.stringMatching(/aws_kms_key/),
    });
    expect(fn.image_uri).toMatch(/@sha256:[0-9a-f]{64}$/);
    const vars = (fn.environment as { variables: Record<string, string> }).variables;
    expect(Object.keys(vars).sort()).toEqual([
      'DEFAULT_DISTANCE_UNIT',
      'DEFAULT_TIMEZONE',
      'DEFAULT_WEIGHT_UNIT',
      'ENVIRONMENT_NAME',
      'GOLD_MARKS_TABLE',
      'IDEMPOTENCY_TABLE',
      'MAX_REJECTED_SHARE',
      'MAX_UPLOAD_BYTES',
      'POWERTOOLS_LOG_LEVEL',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'PROCESSED_BUCKET',
      'SESSIONS_TABLE',
      'SUMMARY_TOPIC_ARN',
    ]);
    expect(vars).toMatchObject({
      DEFAULT_TIMEZONE: 'UTC',
      DEFAULT_WEIGHT_UNIT: 'kg',
      DEFAULT_DISTANCE_UNIT: 'km',
      MAX_REJECTED_SHARE: '0.5',
      // 1024 MB, 300 s: 156 MB (docs/infrastructure.md, "How large an upload fits").
      MAX_UPLOAD_BYTES: String(156 * 1024 * 1024),
      POWERTOOLS_LOG_LEVEL: 'INFO',
      ENVIRONMENT_NAME: 'prod',
      POWERTOOLS_METRICS_NAMESPACE: 'WorkoutPipeline',
    });
  });

  it('records the commit it was deployed from on the function, for the deploy-order check', () => {
    for (const target of ['dev', 'staging', 'prod', 'emulator'] as const) {
      const fn = resource(stacks[target].json, 'aws_lambda_function', 'processor_function');
      expect(fn.tags).toEqual({ [COMMIT_TAG]: COMMIT });
    }
  });

  it('adds no commit tag when no commit was given (a synth that is only tested)', () => {
    const stack = new PipelineStack(testApp(), {
      config: getEnvironment('dev'),
      imageUri: IMAGE,
      state: STATE,
    });
    expect(resource(synth(stack), 'aws_lambda_function', 'processor_function').tags).toBeUndefined();
  });

  it('retries async events, then sends them to the DLQ', () => {
    const { json } = stacks.prod;
    const dlq = resource(json, 'aws_sqs_queue', 'dlq');
    expect(resource(json, 'aws_lambda_function_event_invoke_config', 'processor_async')).toMatchObject({
      maximum_retry_attempts: 2,
      maximum_event_age_in_seconds: 3600,
      destination_config: { on_failure: { destination: ref('aws_sqs_queue', dlq.id, 'arn') } },
    });
  });

  it('triggers on .csv and .jsonl uploads under uploads/, allowed only from the ingest bucket of this account', () => {
    const { json } = stacks.prod;
    const ingest = resource(json, 'aws_s3_bucket', 'ingest_bucket');
    const notification = resource(json, 'aws_s3_bucket_notification', 'processor_uploads');
    expect(notification.bucket).toBe(ref('aws_s3_bucket', ingest.id, 'id'));
    expect(notification.lambda_function).toEqual([
      expect.objectContaining({
        events: ['s3:ObjectCreated:*'],
        filter_prefix: 'uploads/',
        filter_suffix: '.csv',
      }),
      expect.objectContaining({
        events: ['s3:ObjectCreated:*'],
        filter_prefix: 'uploads/',
        filter_suffix: '.jsonl',
      }),
    ]);
    expect(resource(json, 'aws_lambda_permission', 'processor_allow-s3')).toMatchObject({
      action: 'lambda:InvokeFunction',
      principal: 's3.amazonaws.com',
      source_arn: ref('aws_s3_bucket', ingest.id, 'arn'),
      source_account: expect.stringMatching(/data\.aws_caller_identity\..*\.account_id/),
    });
  });

  it('keeps logs encrypted for the configured retention', () => {
    expect(resource(stacks.prod.json, 'aws_cloudwatch_log_group', 'processor_log-group')).toMatchObject({
      name: '/aws/lambda/workout-pipeline-prod-processor',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/aws_kms_key/),
    });
  });

  it("grants the function only actions its environment's permissions boundary allows", () => {
    // Prepare: the deploy role creates the function's role with this boundary, so an action
    // the boundary lacks is silently denied (as AbortMultipartUpload and ListBucket were).
    const boundary = boundaryStatements({
      // Only the partition and the account id enter the boundary's ARNs.
      account: { partition: 'aws', accountId: '123456789012' } as unknown as EnvironmentScope['account'],
      env: 'prod',
      region: 'eu-west-1',
      namePrefix: 'workout-pipeline-prod',
      buckets: { ingest: 'workout-pipeline-prod-ingest', processed: 'workout-pipeline-prod-processed' },
      boundaryArn: 'arn:aws:iam::123456789012:policy/b',
    });
    const allowed = new Set(boundary.flatMap((st) => st.actions));

    // Act
    const granted = statements(stacks.prod.json, 'processor_permissions').flatMap((st) => st.actions ?? []);

    // Assess
    expect(granted.filter((action) => !allowed.has(action))).toEqual([]);
  });

  it('grants exact actions on exact resources', () => {
    const { json } = stacks.prod;
    const id = (type: string, prefix: string) => resource(json, type, prefix).id;
    const ingestArn = ref('aws_s3_bucket', id('aws_s3_bucket', 'ingest_bucket'), 'arn');
    const processedArn = ref('aws_s3_bucket', id('aws_s3_bucket', 'processed_bucket'), 'arn');
    // Act
    const granted = statements(json, 'processor_permissions').map(({ sid, effect, actions, resources }) => ({
      sid,
      effect,
      actions,
      resources,
    }));
    // Assess
    expect(granted).toEqual([
      {
        sid: 'ReadUploads',
        effect: 'Allow',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [`${ingestArn}/uploads/*`],
      },
      {
        sid: 'TellMissingUploads',
        effect: 'Allow',
        actions: ['s3:ListBucket'],
        resources: [ingestArn],
      },
      {
        sid: 'WriteOutputs',
        effect: 'Allow',
        actions: ['s3:AbortMultipartUpload', 's3:PutObject'],
        resources: [`${processedArn}/silver/*`, `${processedArn}/reports/*`, `${processedArn}/rejected/*`],
      },
      {
        sid: 'Sessions',
        effect: 'Allow',
        actions: ['dynamodb:BatchGetItem', 'dynamodb:PutItem'],
        resources: [ref('aws_dynamodb_table', id('aws_dynamodb_table', 'sessions_table'), 'arn')],
      },
      {
        sid: 'Idempotency',
        effect: 'Allow',
        actions: [
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ],
        resources: [ref('aws_dynamodb_table', id('aws_dynamodb_table', 'idempotency_table'), 'arn')],
      },
      {
        sid: 'MarkGoldWeeks',
        effect: 'Allow',
        actions: ['dynamodb:UpdateItem'],
        resources: [ref('aws_dynamodb_table', id('aws_dynamodb_table', 'gold-marks_table'), 'arn')],
      },
      {
        sid: 'PublishSummary',
        effect: 'Allow',
        actions: ['sns:Publish'],
        resources: [ref('aws_sns_topic', id('aws_sns_topic', 'summary_topic'), 'arn')],
      },
      {
        sid: 'OnFailureDestination',
        effect: 'Allow',
        actions: ['sqs:SendMessage'],
        resources: [ref('aws_sqs_queue', id('aws_sqs_queue', 'dlq'), 'arn')],
      },
      {
        sid: 'UseEnvironmentKey',
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [ref('aws_kms_key', id('aws_kms_key', 'key_'), 'arn')],
      },
      {
        sid: 'WriteOwnLogs',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [
          `${ref('aws_cloudwatch_log_group', id('aws_cloudwatch_log_group', 'processor_log-group'), 'arn')}:*`,
        ],
      },
      // The only "*": X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level
      // permissions, so AWS accepts nothing narrower for them.
      {
        sid: 'XRayTracing',
        effect: 'Allow',
        actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
        resources: ['*'],
      },
    ]);
  });

  it('never grants write access to the ingest bucket or any action wildcard', () => {
    const granted = statements(stacks.prod.json, 'processor_permissions');
    const ingestId = resource(stacks.prod.json, 'aws_s3_bucket', 'ingest_bucket').id;
    for (const s of granted) {
      expect(s.actions?.some((a) => a.includes('*'))).toBe(false);
      if (s.actions?.includes('s3:PutObject')) expect(s.resources?.join()).not.toContain(ingestId);
    }
  });

  it('caps every role of a deploy environment with its permissions boundary, but not in the emulator', () => {
    for (const role of Object.values(resources(stacks.staging.json, 'aws_iam_role'))) {
      expect(role.permissions_boundary).toMatch(/:policy\/workout-pipeline-staging-boundary$/);
    }
    for (const role of Object.values(resources(stacks.emulator.json, 'aws_iam_role'))) {
      expect(role.permissions_boundary).toBeUndefined();
    }
  });
});

describe('pipeline stack: how uploads reach the function', () => {
  const eventBridge = () => {
    const stack = new PipelineStack(testApp(), {
      config: { ...getEnvironment('dev'), eventSource: 'eventbridge' },
      imageUri: IMAGE,
      state: STATE,
    });
    return { json: synth(stack), stack };
  };

  it.each(['dev', 'staging', 'prod', 'emulator'] as const)(
    'keeps the direct S3 notification and builds no EventBridge rule by default (%s)',
    (target) => {
      const { json } = stacks[target];
      expect(getEnvironment(target).eventSource).toBe('s3-notification');
      expect(resource(json, 'aws_s3_bucket_notification', 'processor_uploads')).toMatchObject({
        lambda_function: [expect.anything(), expect.anything()],
      });
      expect(resource(json, 'aws_s3_bucket_notification', 'processor_uploads').eventbridge).toBeUndefined();
      expect(resources(json, 'aws_cloudwatch_event_rule')).toEqual({});
      expect(resources(json, 'aws_cloudwatch_event_target')).toEqual({});
      expect(Object.keys(resources(json, 'aws_lambda_permission'))).toEqual([
        expect.stringMatching(/^processor_allow-s3/),
      ]);
    },
  );

  it("with eventSource 'eventbridge', sends the ingest bucket's events to EventBridge instead of the function", () => {
    const { json, stack } = eventBridge();
    const ingest = resource(json, 'aws_s3_bucket', 'ingest_bucket');
    const notification = resource(json, 'aws_s3_bucket_notification', 'processor_uploads');

    expect(notification).toMatchObject({ bucket: ref('aws_s3_bucket', ingest.id, 'id'), eventbridge: true });
    expect(notification.lambda_function).toBeUndefined();
    expect(synthErrors(stack)).toEqual([]);
  });

  it('matches Object Created events of the exact ingest bucket for .csv and .jsonl keys under uploads/', () => {
    const { json } = eventBridge();
    const ingest = resource(json, 'aws_s3_bucket', 'ingest_bucket');
    const rule = resource(json, 'aws_cloudwatch_event_rule', 'processor_uploads-rule');

    expect(rule.name).toBe('workout-pipeline-dev-uploads');
    expect(rule.event_bus_name).toBeUndefined(); // the default bus, where S3 sends its events
    expect(JSON.parse(String(rule.event_pattern))).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: {
        bucket: { name: [ref('aws_s3_bucket', ingest.id, 'bucket')] },
        object: { key: [{ wildcard: 'uploads/*.csv' }, { wildcard: 'uploads/*.jsonl' }] },
      },
    });
  });

  it("targets the function's live alias from that rule, and lets only that rule invoke it", () => {
    const { json } = eventBridge();
    const rule = resource(json, 'aws_cloudwatch_event_rule', 'processor_uploads-rule');
    const fn = resource(json, 'aws_lambda_function', 'processor_function');
    const alias = resource(json, 'aws_lambda_alias', 'processor_live');

    expect(resource(json, 'aws_cloudwatch_event_target', 'processor_uploads-target')).toMatchObject({
      rule: ref('aws_cloudwatch_event_rule', rule.id, 'name'),
      arn: ref('aws_lambda_alias', alias.id, 'arn'),
      target_id: 'processor',
    });
    expect(Object.values(resources(json, 'aws_lambda_permission'))).toEqual([
      {
        statement_id: 'AllowUploadsRule',
        action: 'lambda:InvokeFunction',
        function_name: ref('aws_lambda_function', fn.id, 'function_name'),
        qualifier: ref('aws_lambda_alias', alias.id, 'name'),
        principal: 'events.amazonaws.com',
        source_arn: ref('aws_cloudwatch_event_rule', rule.id, 'arn'),
      },
    ]);
    // EventBridge invokes asynchronously: the same retries and on-failure DLQ apply.
    expect(resource(json, 'aws_lambda_function_event_invoke_config', 'processor_async')).toMatchObject({
      maximum_retry_attempts: 2,
    });
  });
});

describe('pipeline stack: reserved concurrency', () => {
  /** prod's configuration with `reservedConcurrency`, validated as every synth validates it. */
  function synthReserving(reservedConcurrency: number | null): TfJson {
    const config = getEnvironment('prod');
    return synth(
      new PipelineStack(testApp(), {
        config: validateEnvironment(
          { ...config, function: { ...config.function, reservedConcurrency } },
          'prod',
        ),
        imageUri: IMAGE,
        commit: COMMIT,
        state: STATE,
      }),
    );
  }
  const throttles = (json: TfJson) =>
    Object.values(resources(json, 'aws_cloudwatch_metric_alarm')).find((a) => a.metric_name === 'Throttles');

  it.each(['dev', 'staging', 'prod', 'emulator'] as const)(
    'reserves nothing for %s, so the first apply works on an account whose quota is 10',
    (target) => {
      expect(getEnvironment(target).function.reservedConcurrency).toBeNull();
      const fn = resource(stacks[target].json, 'aws_lambda_function', 'processor_function');
      // Unset, the provider keeps its default (-1): no reservation, and an old one is removed.
      expect(fn).not.toHaveProperty('reserved_concurrent_executions');
    },
  );

  it('reserves exactly the configured executions when an environment turns reservation on', () => {
    const fn = resource(synthReserving(5), 'aws_lambda_function', 'processor_function');
    expect(fn.reserved_concurrent_executions).toBe(5);
  });

  it('keeps the throttles alarm either way, saying which pool ran out', () => {
    expect(throttles(synthReserving(5))).toMatchObject({
      alarm_name: 'workout-pipeline-prod-throttles',
      threshold: 1,
      alarm_description: expect.stringMatching(/^Uploads arrive faster than the reserved concurrency \(5\)/),
    });
    expect(throttles(stacks.prod.json)).toMatchObject({
      alarm_name: 'workout-pipeline-prod-throttles',
      threshold: 1,
      alarm_description: expect.stringMatching(
        /^The account's unreserved concurrency in this region is used up/,
      ),
    });
  });
});

describe('pipeline stack: alarms', () => {
  it('alarms on errors, throttles, DLQ depth, failed DLQ deliveries and duration near the timeout, to the operations topic', () => {
    const { json } = stacks.prod;
    const config = getEnvironment('prod');
    const ops = ref('aws_sns_topic', resource(json, 'aws_sns_topic', 'operations_topic').id, 'arn');
    const alarms: Record<string, Record<string, unknown>> = Object.fromEntries(
      Object.values(resources(json, 'aws_cloudwatch_metric_alarm')).map((a) => [a.alarm_name, a]),
    );
    expect(Object.keys(alarms).sort()).toEqual([
      'workout-pipeline-prod-dlq-delivery-failures',
      'workout-pipeline-prod-dlq-depth',
      'workout-pipeline-prod-duration-near-timeout',
      'workout-pipeline-prod-errors',
      'workout-pipeline-prod-gold-duration-near-timeout',
      'workout-pipeline-prod-gold-errors',
      'workout-pipeline-prod-gold-no-run-report',
      'workout-pipeline-prod-rejected-files',
      'workout-pipeline-prod-throttles',
    ]);
    // The function's own EMF metric, selected by the dimensions the function writes.
    expect(alarms['workout-pipeline-prod-rejected-files']).toMatchObject({
      namespace: 'WorkoutPipeline',
      metric_name: 'FileRejected',
      dimensions: { service: 'workout-pipeline', environment: 'prod' },
      statistic: 'Sum',
      threshold: config.alarms.rejectedFiles,
    });
    expect(alarms['workout-pipeline-prod-errors']).toMatchObject({
      metric_name: 'Errors',
      threshold: config.alarms.errors,
    });
    expect(alarms['workout-pipeline-prod-throttles']).toMatchObject({
      metric_name: 'Throttles',
      threshold: 1,
    });
    expect(alarms['workout-pipeline-prod-dlq-depth']).toMatchObject({
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'workout-pipeline-prod-dlq' },
      threshold: 1,
    });
    // A failed event that cannot reach the DLQ never shows in its depth: alarm on the first one.
    expect(alarms['workout-pipeline-prod-dlq-delivery-failures']).toMatchObject({
      namespace: 'AWS/Lambda',
      metric_name: 'DestinationDeliveryFailures',
      dimensions: { FunctionName: 'workout-pipeline-prod-processor' },
      statistic: 'Sum',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
    });
    expect(alarms['workout-pipeline-prod-duration-near-timeout']).toMatchObject({
      metric_name: 'Duration',
      statistic: 'Maximum',
      threshold: 240_000,
    });
    for (const alarm of Object.values(alarms)) expect(alarm.alarm_actions).toEqual([ops]);
  });

  it('lets CloudWatch publish to the operations topic only from this stack’s alarms', () => {
    const allow = bySid(statements(stacks.prod.json, 'operations_policy-document')).CloudWatchAlarmsPublish;
    expect(allow?.principals).toEqual([{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }]);
    expect(allow?.condition?.map((c) => c.variable)).toEqual(['aws:SourceAccount', 'aws:SourceArn']);
  });
});

describe('pipeline stack: state, provider, names', () => {
  it('gives every deploy environment its own encrypted, locked state object', () => {
    const backends = (['dev', 'staging', 'prod'] as const).map((t) => stacks[t].json.terraform.backend.s3);
    expect(backends).toEqual([
      {
        bucket: 'acme-tfstate',
        key: 'pipeline/dev/terraform.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
      },
      {
        bucket: 'acme-tfstate',
        key: 'pipeline/staging/terraform.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
      },
      {
        bucket: 'acme-tfstate',
        key: 'pipeline/prod/terraform.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
      },
    ]);
  });

  it('points the emulator target at the emulator endpoint with local state', () => {
    const { json } = stacks.emulator;
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.emulator.tfstate' } });
    const provider = json.provider.aws[0] as {
      endpoints: Record<string, string>[];
      s3_use_path_style: boolean;
    };
    expect(provider.s3_use_path_style).toBe(true);
    expect(provider.endpoints[0]).toMatchObject({
      s3: 'http://127.0.0.1:5000',
      dynamodb: 'http://127.0.0.1:5000',
      lambda: 'http://127.0.0.1:5000',
      sts: 'http://127.0.0.1:5000',
    });
  });

  it('tags every resource with project, environment and managed-by through default_tags', () => {
    for (const t of ['dev', 'prod'] as const) {
      const provider = stacks[t].json.provider.aws[0] as { default_tags: { tags: Record<string, string> }[] };
      expect(provider.default_tags[0]?.tags).toMatchObject({
        project: 'workout-pipeline',
        environment: t,
        'managed-by': 'cdktf',
      });
    }
  });

  it('uses the names the local run gets from resourceNames', () => {
    const names = resourceNames('emulator');
    const { json } = stacks.emulator;
    expect(resource(json, 'aws_s3_bucket', 'ingest_bucket').bucket).toBe(names.buckets.ingest);
    expect(resource(json, 'aws_dynamodb_table', 'idempotency_table').name).toBe(names.tables.idempotency);
    expect(resource(json, 'aws_sns_topic', 'summary_topic').name).toBe(names.topics.summary);
    expect(resource(json, 'aws_lambda_function', 'processor_function').function_name).toBe(names.function);
  });

  it('publishes the names and ARNs a workflow needs as outputs', () => {
    expect(Object.keys(stacks.dev.json.output).sort()).toEqual([
      'dlq_arn',
      'dlq_url',
      'function_alias_arn',
      'function_alias_name',
      'function_arn',
      'function_image_uri',
      'function_name',
      'function_version',
      'gold_function_name',
      'gold_marks_table_name',
      'gold_schedule_name',
      'idempotency_table_name',
      'ingest_bucket_name',
      'kms_key_arn',
      'log_group_name',
      'operations_topic_arn',
      'processed_bucket_name',
      'sessions_table_name',
      'summary_topic_arn',
    ]);
  });
});
