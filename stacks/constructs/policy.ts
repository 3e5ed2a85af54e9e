import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import type { Construct } from 'constructs';

export type PolicyStatement = DataAwsIamPolicyDocumentStatement;

/** A policy built from statements (never a JSON string), so actions and ARNs stay reviewable. */
export function policyDocument(
  scope: Construct,
  id: string,
  statements: PolicyStatement[],
): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, { statement: statements });
}

/** Deny any request to `resources` that does not use TLS. */
export function denyInsecureTransport(resources: string[], actions: string[]): PolicyStatement {
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    principals: [{ type: '*', identifiers: ['*'] }],
    actions,
    resources,
    condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
  };
}

/**
 * What every function of the pipeline needs besides its own work: the environment key (S3
 * SSE-KMS objects, the encrypted topic and queue, its environment variables), its own log
 * group, and X-Ray, which has no resource-level permissions (these two actions accept only "*").
 */
export function functionRuntimeStatements(kmsKeyArn: string, logGroupArn: string): PolicyStatement[] {
  return [
    {
      sid: 'UseEnvironmentKey',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [kmsKeyArn],
    },
    {
      sid: 'WriteOwnLogs',
      effect: 'Allow',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [`${logGroupArn}:*`],
    },
    {
      sid: 'XRayTracing',
      effect: 'Allow',
      actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      resources: ['*'],
    },
  ];
}

/** Trust policy letting one AWS service assume a role, scoped to this account. */
export function serviceTrust(service: string, accountId: string): PolicyStatement {
  return {
    effect: 'Allow',
    principals: [{ type: 'Service', identifiers: [service] }],
    actions: ['sts:AssumeRole'],
    condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] }],
  };
}
