/**
 * What applying the stacks into the emulator (moto) cannot do, in one place for the apply
 * tests (tests/apply) and the delivery workflow's emulator stage; listed with every other
 * emulator difference in tests/integration/setup/emulator-differences.ts.
 */

/**
 * Resource types moto cannot create: left out of every plan into the emulator (OpenTofu's
 * -exclude, through the terraform step's `exclude` input). Synth tests and checkov still
 * cover them.
 */
export const NOT_APPLIED_IN_EMULATOR = [
  {
    type: 'aws_cloudwatch_metric_alarm',
    why: "PutMetricAlarm fails: the provider's AWS SDK speaks CloudWatch's RPCv2-CBOR protocol, which moto 5.2.5 does not serve",
  },
] as const;

/**
 * Attributes a second plan wants to change right after an apply, only because moto does not
 * return what it was given (each checked in a real apply into moto 5.2.5 with provider
 * 6.47.0). Any other change on a second plan fails the apply tests: a stack that does not
 * converge is a bug. `unknown`: the drift is only that the value is read again at apply.
 */
export const REPLAN_DRIFTS_IN_EMULATOR: readonly {
  readonly type: string;
  readonly attribute: string;
  readonly unknown?: true;
  readonly why: string;
}[] = [
  {
    type: 'aws_s3_bucket',
    attribute: 'tags_all',
    why: 'the provider sends the tags with CreateBucket; moto drops them, so the bucket reads back untagged',
  },
  {
    type: 'aws_lambda_function',
    attribute: 'logging_config',
    why: 'moto does not return LoggingConfig (JSON logs into the named log group)',
  },
  {
    type: 'aws_lambda_function',
    attribute: 'image_config',
    why: 'moto returns an empty ImageConfig for an image function that sets none',
  },
  ...['version', 'qualified_arn', 'qualified_invoke_arn'].map((attribute) => ({
    type: 'aws_lambda_function',
    attribute,
    unknown: true as const,
    why: "the function publishes a version on every update (publish, for the release alias), and the two drifts above make moto's function look updated, so the next version number is known only at apply; on AWS nothing changed, so nothing is published",
  })),
  {
    type: 'aws_ecr_repository',
    attribute: 'image_tag_mutability_exclusion_filter',
    why: 'moto does not return the tag mutability exclusion filters',
  },
  ...['application', 'firehose', 'http', 'lambda', 'sqs'].flatMap((protocol) =>
    ['failure_feedback_role_arn', 'success_feedback_role_arn', 'success_feedback_sample_rate'].map(
      (setting) => ({
        type: 'aws_sns_topic',
        attribute: `${protocol}_${setting}`,
        why: "moto does not return a topic's delivery-status logging attributes",
      }),
    ),
  ),
  ...['aws_iam_role_policy', 'aws_s3_bucket_policy', 'aws_sns_topic_policy', 'aws_sqs_queue_policy'].map(
    (type) => ({
      type,
      attribute: 'policy',
      unknown: true as const,
      why: 'its policy document names a resource with one of the drifts above, and Terraform reads such a data source again at apply, so the value is unknown at plan time; the document itself is unchanged',
    }),
  ),
];

/** The addresses of a synthesized stack's resources the emulator cannot hold. */
export function excludedAddresses(json: { resource?: Record<string, Record<string, unknown>> }): string[] {
  return NOT_APPLIED_IN_EMULATOR.flatMap(({ type }) =>
    Object.keys(json.resource?.[type] ?? {}).map((name) => `${type}.${name}`),
  );
}
