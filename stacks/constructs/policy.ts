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

/** Trust policy letting one AWS service assume a role, scoped to this account. */
export function serviceTrust(service: string, accountId: string): PolicyStatement {
  return {
    effect: 'Allow',
    principals: [{ type: 'Service', identifiers: [service] }],
    actions: ['sts:AssumeRole'],
    condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] }],
  };
}
