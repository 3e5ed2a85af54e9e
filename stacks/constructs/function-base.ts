import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import type { LambdaFunctionConfig } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import type { AccountContext } from './account.js';
import { policyDocument, serviceTrust } from './policy.js';

export interface FunctionBaseProps {
  readonly account: AccountContext;
  readonly functionName: string;
  readonly roleName: string;
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  readonly kmsKeyArn: string;
  /** The key policy letting CloudWatch Logs use the key; the log group waits for it. */
  readonly kmsKeyPolicy?: ITerraformDependable;
  /** @default none */
  readonly permissionsBoundaryArn?: string | undefined;
}

/**
 * What every function of the pipeline has before its own permissions: an encrypted log group
 * with retention (created before Lambda would make a default one) and an execution role
 * only Lambda in this account may assume, within the environment's boundary.
 */
export function functionBase(
  scope: Construct,
  props: FunctionBaseProps,
): { readonly logGroup: CloudwatchLogGroup; readonly role: IamRole } {
  const logGroup = new CloudwatchLogGroup(scope, 'log-group', {
    name: props.logGroupName,
    retentionInDays: props.logRetentionDays,
    kmsKeyId: props.kmsKeyArn,
    ...(props.kmsKeyPolicy ? { dependsOn: [props.kmsKeyPolicy] } : {}),
  });
  const role = new IamRole(scope, 'role', {
    name: props.roleName,
    description: `Execution role of ${props.functionName}`,
    ...(props.permissionsBoundaryArn ? { permissionsBoundary: props.permissionsBoundaryArn } : {}),
    assumeRolePolicy: policyDocument(scope, 'trust', [
      serviceTrust('lambda.amazonaws.com', props.account.accountId),
    ]).json,
  });
  return { logGroup, role };
}

/**
 * The settings both functions of the image share: the image by digest on x86_64 (it is
 * built linux/amd64), active tracing, variables encrypted with the environment key, JSON
 * logs into the function's own log group, which must exist first.
 */
export function imageFunctionSettings(props: {
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly imageUri: string;
  readonly kmsKeyArn: string;
}): Pick<
  LambdaFunctionConfig,
  | 'role'
  | 'packageType'
  | 'imageUri'
  | 'architectures'
  | 'tracingConfig'
  | 'kmsKeyArn'
  | 'loggingConfig'
  | 'dependsOn'
> {
  return {
    role: props.role.arn,
    packageType: 'Image',
    imageUri: props.imageUri,
    architectures: ['x86_64'],
    tracingConfig: { mode: 'Active' },
    kmsKeyArn: props.kmsKeyArn,
    loggingConfig: { logFormat: 'JSON', logGroup: props.logGroup.name },
    dependsOn: [props.logGroup],
  };
}
