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
 * return what it was given. Any other change on a second plan fails the apply tests: a stack
 * that does not converge is a bug.
 */
export const REPLAN_DRIFTS_IN_EMULATOR: readonly {
  readonly type: string;
  readonly attribute: string;
  readonly why: string;
}[] = [];

/** The addresses of a synthesized stack's resources the emulator cannot hold. */
export function excludedAddresses(json: { resource?: Record<string, Record<string, unknown>> }): string[] {
  return NOT_APPLIED_IN_EMULATOR.flatMap(({ type }) =>
    Object.keys(json.resource?.[type] ?? {}).map((name) => `${type}.${name}`),
  );
}
