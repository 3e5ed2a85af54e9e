import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { Construct } from 'constructs';
import { GITHUB_OIDC_HOST } from '../config/naming.js';
import type { PolicyStatement } from './policy.js';
import { policyDocument } from './policy.js';

export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** The account's trust in GitHub Actions' OIDC tokens. One per account and URL. */
export class GithubOidcProvider extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // AWS validates GitHub's certificate through its own trust store; no thumbprint needed.
    this.arn = new IamOpenidConnectProvider(this, 'provider', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
    }).arn;
  }
}

export interface GithubRoleProps {
  readonly providerArn: string;
  readonly roleName: string;
  readonly description: string;
  /**
   * Exact `sub` claims, e.g. `repo:OWNER/REPO:environment:prod` or (immutable subjects)
   * `repo:OWNER@OWNER_ID/REPO@REPO_ID:environment:prod`; any one of them may assume the role
   * (StringEquals with several values). No wildcards.
   */
  readonly subjects: readonly [string, ...string[]];
  readonly statements: PolicyStatement[];
  /** @default 3600 */
  readonly maxSessionDurationSeconds?: number;
}

/** A role only the listed GitHub workflow contexts can assume: exact audience and exact subjects. */
export class GithubRole extends Construct {
  readonly role: IamRole;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: GithubRoleProps) {
    super(scope, id);
    for (const subject of props.subjects) {
      if (subject.includes('*') || subject.includes('?'))
        throw new Error(`${props.roleName}: the OIDC subject '${subject}' must be exact (no '*' or '?')`);
    }
    if (new Set(props.subjects).size !== props.subjects.length)
      throw new Error(`${props.roleName}: the OIDC subjects ${props.subjects.join(', ')} repeat a value`);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      maxSessionDuration: props.maxSessionDurationSeconds ?? 3600,
      assumeRolePolicy: policyDocument(this, 'trust', [
        {
          sid: 'GithubActions',
          effect: 'Allow',
          principals: [{ type: 'Federated', identifiers: [props.providerArn] }],
          actions: ['sts:AssumeRoleWithWebIdentity'],
          condition: [
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: [GITHUB_OIDC_AUDIENCE] },
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:sub`, values: [...props.subjects] },
          ],
        },
      ]).json,
    });
    this.arn = this.role.arn;
    new IamRolePolicy(this, 'policy', {
      role: this.role.id,
      name: 'permissions',
      policy: policyDocument(this, 'permissions', props.statements).json,
    });
  }
}
