/**
 * Every way the emulator's behaviour differs from AWS that the tests accept, in one place.
 * Code under test is written for AWS's documented behaviour (see the AWS event samples in
 * tests/unit/fixtures/events/); these helpers only bridge what the emulator does not do.
 *
 * 1. S3 event keys: S3 URL-encodes `s3.object.key` in event notifications (a space becomes
 *    '+', other bytes %-escaped as UTF-8, '/' kept). moto 5.2 encodes with Python's
 *    `quote_plus`, which also escapes '/' as %2F (older moto sent the raw key). Both decode
 *    to the same key; `toAwsEncodedS3Event` re-encodes every key exactly as S3 does so a
 *    handler only ever sees AWS's form.
 * 2. S3 event records: moto leaves out `s3.object.versionId` (even on versioned buckets)
 *    and `s3.object.sequencer`. Code must treat both as optional (AWS omits versionId on
 *    unversioned buckets too) and fall back to eTag for idempotency. Without a versionId,
 *    the same bytes uploaded again to the same key look like a redelivery of the first
 *    upload; the local run (`withVersionId` in scripts/main-job/local-pipeline.ts) puts
 *    back the versionId that PutObject returned, where AWS would have sent it. Without a
 *    sequencer, versions of one key are ordered by the version's LastModified instead
 *    (core/object-order.ts): one-second precision, so two versions written within a second
 *    both apply; tests that check the order by sequencer put AWS's field into the event.
 * 3. The re-encoding does not depend on which emulator runs: decoding and encoding again
 *    leaves an S3-encoded key (LocalStack's) as it was and turns moto's into S3's form. A
 *    preset AWS_ENDPOINT_URL may be moto (the deploy workflow's emulator stage starts it)
 *    or an emulator of someone's own, and the harness cannot tell which.
 * 4. The emulator runs through scripts/lib/moto_server.py, which changes no answer: moto's
 *    TransactWriteItems copies each table once for its rollback instead of once per item
 *    (147 s -> 10 s for a first upload of 2,000 sessions), and DynamoDB writes run one at
 *    a time (a transaction's copy of a table failed with a 500 when another request wrote
 *    to it meanwhile; DynamoDB applies each write atomically).
 * 5. moto cannot run an image function (no Docker engine), so an upload into a bucket whose
 *    applied notification targets the function goes nowhere visible. moto_server.py records
 *    each event S3 sends to a function (moto matched the notification configuration: events,
 *    prefix, suffix); the apply tests run the function's code on it in a child process with
 *    the function's applied environment (tests/apply/support/function-runtime.ts), where
 *    Lambda would run the image. The image itself is first run by the smoke test after the
 *    dev deploy.
 * 6. The apply tests serve the emulator over HTTPS with a certificate made for the run
 *    (scripts/lib/emulator_tls.py), trusted through AWS_CA_BUNDLE and NODE_EXTRA_CA_CERTS:
 *    moto enforces the buckets' TLS-only policies (aws:SecureTransport), so plain HTTP gets
 *    403 there as on AWS. Not a difference in answers, only in who signs the certificate.
 * 7. IAM, for the least-privilege apply test (moto_server.py, MOTO_IAM_EVALUATION=actions):
 *    moto checks a deploy role's policies with the resource for S3, SQS, IAM roles and STS,
 *    and only by action for DynamoDB, KMS, Lambda, Logs and SNS (moto authorizes those
 *    against `*`; the launcher judges them by action instead of denying every scoped
 *    statement). It evaluates no condition (an Allow's count as met, a Deny's as not), no
 *    resource policy, and none of AWS's checks across services (KMS grants). The launcher
 *    gives S3 requests the IAM actions AWS checks where moto names them otherwise, and
 *    checks the signature of a request without a body against the empty body it was signed
 *    with (moto used its parsed parameters, so every Lambda GetFunction failed).
 * 8. CloudWatch alarms: moto 5.2.5 serves CloudWatch only in the query protocol, while the
 *    provider and the JS SDK speak RPCv2-CBOR and JSON 1.0, so no alarm is applied into the
 *    emulator (NOT_APPLIED_IN_EMULATOR) and none can be read. The apply test of a release
 *    and its rollback runs the release step's logic on the emulator's real Lambda API
 *    (versions, the alias, GetFunction) and a real smoke upload, with one alarm in OK as a
 *    stand-in for the bake's DescribeAlarms; rollback on an alarm during the bake is tested
 *    over a fake Lambda API (tests/unit/steps/release.test.ts).
 */
import type { S3Event } from 'aws-lambda';
import { decodeS3Key } from '../../../lambda/src/events.js';

export const EMULATOR_DIFFERENCES = [
  {
    id: 's3-event-key-slash-escaped',
    emulator: "moto: quote_plus, '/' as %2F",
    aws: "URL-encoded, '+' for space, '/' kept",
  },
  { id: 'no-version-id-in-s3-event', emulator: 'moto', aws: 'versionId present on versioned buckets' },
  {
    id: 'no-sequencer-in-s3-event',
    emulator: 'moto: versions of a key ordered by LastModified (1 s precision)',
    aws: 'sequencer always present',
  },
  {
    id: 'iam-checked-by-action',
    emulator: 'moto: resources only for S3, SQS, IAM roles, STS; no conditions, no resource policies',
    aws: 'every statement: action, resource and conditions',
  },
  {
    id: 'image-function-not-run',
    emulator: 'moto: the S3 event is recorded; the apply tests run the code with the applied configuration',
    aws: 'Lambda runs the image',
  },
  {
    id: 'no-cloudwatch-alarms',
    emulator: 'moto: query protocol only; alarms not applied, the release test reads a stand-in alarm',
    aws: 'alarms applied and read by the release bake',
  },
] as const;

/** Encodes an S3 key as S3 does in event notifications: UTF-8 %-escapes, '+' for space, '/' kept. */
export function encodeS3EventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/** Decodes an event key the documented way (the handler's own decoder); works for S3's and moto's encodings alike. */
export const decodeS3EventKey = decodeS3Key;

/** Returns a copy of an emulator S3 event shaped as AWS would send it, from any emulator. */
export function toAwsEncodedS3Event(event: S3Event): S3Event {
  const copy = structuredClone(event);
  for (const record of copy.Records) {
    record.s3.object.key = encodeS3EventKey(decodeS3EventKey(record.s3.object.key));
  }
  return copy;
}

/** Applying the stacks into the emulator: what moto cannot create, and its known re-plan drifts. */
export { NOT_APPLIED_IN_EMULATOR, REPLAN_DRIFTS_IN_EMULATOR } from '../../../scripts/lib/emulator-gaps.js';
