import { TerraformStack } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { BootstrapStack } from '../../../stacks/bootstrap-stack.js';
import { BOOTSTRAP } from '../../../stacks/config/environments.js';
import { deployStatements, type EnvironmentScope } from '../../../stacks/constructs/deploy-permissions.js';
import { GithubRole } from '../../../stacks/constructs/github-oidc.js';
import type { Statement, TfJson } from './synth.js';
import { ref, resource, resources, statements, synth, synthErrors, testApp } from './synth.js';

const REPO = 'acme/workouts';
/** The two forms of GitHub's OIDC subject prefix for that repository. */
const CLASSIC = `repo:${REPO}`;
const IMMUTABLE = 'repo:acme@1234567/workouts@987654321';
let json: TfJson;
let immutable: TfJson;
let local: TfJson;
let stack: BootstrapStack;

beforeAll(() => {
  stack = new BootstrapStack(testApp(), {
    config: BOOTSTRAP,
    githubSubjectPrefix: CLASSIC,
    stateBucket: 'acme-tfstate',
  });
  json = synth(stack);
  immutable = synth(
    new BootstrapStack(testApp(), {
      config: BOOTSTRAP,
      githubSubjectPrefix: IMMUTABLE,
      stateBucket: 'acme-tfstate',
    }),
  );
  local = synth(
    new BootstrapStack(testApp(), {
      config: BOOTSTRAP,
      githubSubjectPrefix: CLASSIC,
      stateBucket: 'acme-tfstate',
      localState: true,
    }),
  );
});

const bySid = (list: Statement[]): Record<string, Statement | undefined> =>
  Object.fromEntries(list.map((s) => [s.sid ?? '', s]));

describe('bootstrap stack', () => {
  it('passes its own synth-time invariants', () => {
    expect(synthErrors(stack)).toEqual([]);
  });

  it('keeps state in a versioned, encrypted, private, TLS-only bucket that is never force-destroyed', () => {
    const bucket = resource(json, 'aws_s3_bucket', 'state_bucket');
    expect(bucket).toMatchObject({ bucket: 'acme-tfstate', force_destroy: false });
    const bucketRef = ref('aws_s3_bucket', bucket.id, 'id');
    expect(resource(json, 'aws_s3_bucket_versioning', 'state_versioning')).toMatchObject({
      bucket: bucketRef,
      versioning_configuration: { status: 'Enabled' },
    });
    expect(
      resource(json, 'aws_s3_bucket_server_side_encryption_configuration', 'state_encryption'),
    ).toMatchObject({
      bucket: bucketRef,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }],
    });
    expect(resource(json, 'aws_s3_bucket_public_access_block', 'state_public-access')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(bySid(statements(json, 'state_policy-document')).DenyInsecureTransport?.effect).toBe('Deny');
  });

  it('keeps its own state in the state bucket, or locally for the very first apply', () => {
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'acme-tfstate',
      key: 'bootstrap/terraform.tfstate',
      region: BOOTSTRAP.region,
      encrypt: true,
      use_lockfile: true,
    });
    expect(local.terraform.backend).toEqual({
      local: { path: '../../../terraform.workout-pipeline-bootstrap.tfstate' },
    });
  });

  it('creates a scanned, KMS-encrypted image repository whose commit-SHA tags are immutable', () => {
    const repository = resource(json, 'aws_ecr_repository', 'repository');
    expect(repository).toMatchObject({
      name: 'workout-pipeline-processor',
      image_tag_mutability: 'IMMUTABLE_WITH_EXCLUSION',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'KMS' }],
    });
    // Only the deploy markers may move; no filter can match a 40-hex commit SHA tag.
    const filters = repository.image_tag_mutability_exclusion_filter as {
      filter: string;
      filter_type: string;
    }[];
    expect(filters).toEqual([
      { filter: 'deploying-*', filter_type: 'WILDCARD' },
      { filter: 'deployed-*', filter_type: 'WILDCARD' },
    ]);
    const matches = (pattern: string, tag: string) =>
      new RegExp(
        `^${pattern
          .split('*')
          .map((p) => p.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
          .join('.*')}$`,
      ).test(tag);
    for (const { filter } of filters) {
      expect(matches(filter, '0123456789abcdef0123456789abcdef01234567')).toBe(false);
      expect(matches(filter, filter.replace('*', 'prod'))).toBe(true);
    }
  });

  it('lets Lambda pull images only for the three functions and their published versions', () => {
    const [pull] = statements(json, 'repository-policy-document');
    expect(pull?.sid).toBe('LambdaPullsPipelineImages');
    expect(pull?.condition?.[0]?.values).toEqual(
      ['dev', 'staging', 'prod'].flatMap((env) =>
        ['', ':*'].map((qualifier) =>
          expect.stringMatching(
            new RegExp(`:function:workout-pipeline-${env}-processor${qualifier.replace('*', '\\*')}$`),
          ),
        ),
      ),
    );
  });

  it('never expires an image an environment runs or is deploying; expires old commit images and untagged ones', () => {
    const policy = JSON.parse(
      resource(json, 'aws_ecr_lifecycle_policy', 'repository-lifecycle').policy as string,
    ) as { rules: { rulePriority: number; selection: Record<string, unknown> }[] };
    expect(policy.rules.map((r) => r.rulePriority)).toEqual([1, 2, 3, 4]);
    // Marker rules come first: a rule can never expire an image a higher-priority rule's tags match.
    expect(policy.rules.slice(0, 2).map((r) => r.selection)).toEqual([
      {
        tagStatus: 'tagged',
        tagPatternList: ['deploying-*'],
        countType: 'imageCountMoreThan',
        countNumber: 3,
      },
      {
        tagStatus: 'tagged',
        tagPatternList: ['deployed-*'],
        countType: 'imageCountMoreThan',
        countNumber: 3,
      },
    ]);
    expect(policy.rules[2]?.selection).toMatchObject({
      tagStatus: 'untagged',
      countType: 'sinceImagePushed',
      countNumber: 1,
    });
    expect(policy.rules[3]?.selection).toEqual({
      tagStatus: 'tagged',
      tagPatternList: ['*'],
      countType: 'imageCountMoreThan',
      countNumber: 30,
    });
  });

  it('trusts GitHub OIDC tokens for sts.amazonaws.com only', () => {
    expect(resource(json, 'aws_iam_openid_connect_provider', 'github-oidc')).toMatchObject({
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    });
  });

  it.each([
    ['dev', ['dev']],
    ['staging', ['staging']],
    ['prod', ['prod', 'prod-teardown']],
  ] as const)(
    'lets only the %s deploy role be assumed from GitHub Environments %j',
    (env, githubEnvironments) => {
      // Act
      const trust = statements(json, `deploy-${env}_trust`);
      // Assess
      expect(trust).toEqual([
        {
          sid: 'GithubActions',
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [
            { type: 'Federated', identifiers: [expect.stringMatching(/aws_iam_openid_connect_provider/)] },
          ],
          condition: [
            {
              test: 'StringEquals',
              variable: 'token.actions.githubusercontent.com:aud',
              values: ['sts.amazonaws.com'],
            },
            {
              test: 'StringEquals',
              variable: 'token.actions.githubusercontent.com:sub',
              values: githubEnvironments.map((name) => `repo:${REPO}:environment:${name}`),
            },
          ],
        },
      ]);
      expect(resource(json, 'aws_iam_role', `deploy-${env}_role`).name).toBe(
        `workout-pipeline-deploy-${env}`,
      );
    },
  );

  it('pins every OIDC trust condition with StringEquals on exact values (no wildcards)', () => {
    const conditions = [
      'deploy-dev',
      'deploy-staging',
      'deploy-prod',
      'image-push',
      'plan-dev',
      'plan-staging',
      'plan-prod',
    ].flatMap((role) => statements(json, `${role}_trust`).flatMap((s) => s.condition ?? []));
    expect(conditions).toHaveLength(14);
    for (const condition of conditions) {
      expect(condition.test).toBe('StringEquals');
      for (const value of condition.values) expect(value).not.toMatch(/[*?]/);
    }
  });

  it('refuses a role whose OIDC subject has a wildcard, naming the role', () => {
    const scope = new TerraformStack(testApp(), 'wildcard');
    expect(
      () =>
        new GithubRole(scope, 'role', {
          providerArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
          roleName: 'wide-open',
          description: 'test',
          subjects: [`repo:${REPO}:environment:prod`, `repo:${REPO}:environment:*`],
          statements: [],
        }),
    ).toThrow(/wide-open: the OIDC subject 'repo:acme\/workouts:environment:\*' must be exact/);
  });

  describe.each([
    ['classic', CLASSIC, () => json],
    ['immutable', IMMUTABLE, () => immutable],
  ] as const)('with the %s OIDC subject prefix %s', (_form, prefix, synthesized) => {
    /** The subjects each role must trust, exactly: every role of the stack is listed. */
    const expected: Record<string, string[]> = {
      'deploy-dev': [`${prefix}:environment:dev`],
      'deploy-staging': [`${prefix}:environment:staging`],
      'deploy-prod': [`${prefix}:environment:prod`, `${prefix}:environment:prod-teardown`],
      'image-push': [`${prefix}:ref:refs/heads/main`],
      'plan-dev': [`${prefix}:ref:refs/heads/main`],
      'plan-staging': [`${prefix}:ref:refs/heads/main`],
      'plan-prod': [`${prefix}:ref:refs/heads/main`],
    };

    it('builds exactly the seven GitHub roles, each with its own trust policy', () => {
      expect(Object.keys(resources(synthesized(), 'aws_iam_role')).sort()).toEqual(
        Object.keys(expected)
          .map((role) => `${role}_role_`)
          .sort()
          .map((id) => expect.stringMatching(new RegExp(`^${id}`))),
      );
    });

    it.each(Object.keys(expected))('trusts exactly its own subjects in the %s role', (role) => {
      // Act
      const trust = statements(synthesized(), `${role}_trust`);
      // Assess
      expect(trust).toEqual([
        {
          sid: 'GithubActions',
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [
            { type: 'Federated', identifiers: [expect.stringMatching(/aws_iam_openid_connect_provider/)] },
          ],
          condition: [
            {
              test: 'StringEquals',
              variable: 'token.actions.githubusercontent.com:aud',
              values: ['sts.amazonaws.com'],
            },
            {
              test: 'StringEquals',
              variable: 'token.actions.githubusercontent.com:sub',
              values: expected[role],
            },
          ],
        },
      ]);
    });
  });

  it.each([
    ['a whole subject', `${CLASSIC}:environment:prod`],
    ['a wildcard', 'repo:acme/*'],
    ['no repo: prefix', 'acme/workouts'],
  ])('refuses %s as the OIDC subject prefix, naming the stack', (_label, prefix) => {
    expect(
      () =>
        new BootstrapStack(testApp(), {
          config: BOOTSTRAP,
          githubSubjectPrefix: prefix,
          stateBucket: 'x-tfstate',
        }),
    ).toThrow(/workout-pipeline-bootstrap: the OIDC subject prefix .* must be repo:OWNER\/REPO or/);
  });

  it('lets only workflows on main push images', () => {
    const [trust] = statements(json, 'image-push_trust');
    expect(trust?.condition?.find((c) => c.variable.endsWith(':sub'))?.values).toEqual([
      `repo:${REPO}:ref:refs/heads/main`,
    ]);
    const push = bySid(statements(json, 'image-push_permissions'));
    // GetAuthorizationToken is the one action without resource-level permissions.
    expect(push.RegistryLogin).toMatchObject({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] });
    expect(push.PushAndResolveImages?.resources).toEqual([
      ref('aws_ecr_repository', resource(json, 'aws_ecr_repository', 'repository').id, 'arn'),
    ]);
  });

  it('lets the push role read (only read) the three functions, to mark the image each runs', () => {
    const push = bySid(statements(json, 'image-push_permissions'));
    expect(push.ReadDeployedImage?.actions).toEqual(['lambda:GetFunction']);
    // The function and its alias `live`, whose version is what runs after a rollback.
    expect(push.ReadDeployedImage?.resources).toEqual(
      ['dev', 'staging', 'prod'].flatMap((env) =>
        ['', ':live'].map((qualifier) =>
          expect.stringMatching(
            new RegExp(
              `:lambda:eu-west-1:\\$\\{.+\\}:function:workout-pipeline-${env}-processor${qualifier}$`,
            ),
          ),
        ),
      ),
    );
  });

  it('lets a deploy role touch only its own state object and lock file', () => {
    const stateArn = ref('aws_s3_bucket', resource(json, 'aws_s3_bucket', 'state_bucket').id, 'arn');
    const deploy = bySid(statements(json, 'deploy-staging_permissions'));
    expect(deploy.ListOwnState?.condition?.[0]?.values).toEqual([
      'pipeline/staging/terraform.tfstate',
      'pipeline/staging/terraform.tfstate.tflock',
    ]);
    expect(deploy.ReadWriteOwnState?.resources).toEqual([`${stateArn}/pipeline/staging/terraform.tfstate`]);
    expect(deploy.OwnStateLockFile?.resources).toEqual([
      `${stateArn}/pipeline/staging/terraform.tfstate.tflock`,
    ]);
  });

  it('scopes every deploy statement to its own environment, except the documented unscopable ones', () => {
    for (const env of ['dev', 'staging', 'prod'] as const) {
      const others = ['dev', 'staging', 'prod'].filter((e) => e !== env);
      for (const s of statements(json, `deploy-${env}_permissions`)) {
        const resourcesText = (s.resources ?? []).join(' ');
        for (const other of others) expect(resourcesText).not.toContain(`workout-pipeline-${other}`);
        if (s.resources?.includes('*')) {
          // kms:CreateKey and kms:ListAliases have no resource; CreateKey is bound to the env tag
          // instead, and the two denies keep other environments' keys out of reach.
          // The denies hold everywhere, whatever else allows.
          expect(s.sid).toMatch(
            /^(CreateEnvironmentKey|ListKeyAliases|KeepOtherEnvironmentsKeys|TagKeysOnlyForThisEnvironment|NoDataExfiltration|KeepRoleTrustAsCoded|GrantKeysOnlyToAwsResources|KeepKeyPolicyLockoutCheck)$/,
          );
          if (s.sid !== 'CreateEnvironmentKey' && s.sid !== 'ListKeyAliases') expect(s.effect).toBe('Deny');
        }
      }
      const create = bySid(statements(json, `deploy-${env}_permissions`)).CreateEnvironmentKey;
      expect(create?.condition).toEqual([
        { test: 'StringEquals', variable: 'aws:RequestTag/environment', values: [env] },
      ]);
    }
  });

  it.each(['dev', 'staging', 'prod'] as const)(
    "keeps the %s deploy role from claiming another environment's KMS key by re-tagging it",
    (env) => {
      const deploy = bySid(statements(json, `deploy-${env}_permissions`));
      // Tagging a key it already manages, or a key being created, stays allowed.
      expect(deploy.CreateEnvironmentKey?.actions).toEqual(['kms:CreateKey', 'kms:TagResource']);
      expect(deploy.ManageEnvironmentKey?.condition).toEqual([
        { test: 'StringEquals', variable: 'aws:ResourceTag/environment', values: [env] },
      ]);

      expect(deploy.KeepOtherEnvironmentsKeys).toEqual({
        sid: 'KeepOtherEnvironmentsKeys',
        effect: 'Deny',
        actions: ['kms:TagResource', 'kms:UntagResource'],
        resources: ['*'],
        condition: [
          { test: 'Null', variable: 'aws:ResourceTag/environment', values: ['false'] },
          { test: 'StringNotEquals', variable: 'aws:ResourceTag/environment', values: [env] },
        ],
      });
      expect(deploy.TagKeysOnlyForThisEnvironment).toMatchObject({
        effect: 'Deny',
        actions: ['kms:CreateKey', 'kms:TagResource'],
        condition: [
          { test: 'Null', variable: 'aws:RequestTag/environment', values: ['false'] },
          { test: 'StringNotEquals', variable: 'aws:RequestTag/environment', values: [env] },
        ],
      });
    },
  );

  it.each(['dev', 'staging', 'prod'] as const)(
    'gives the %s deploy role exact actions, never a service wildcard, each list sorted',
    (env) => {
      for (const st of statements(json, `deploy-${env}_permissions`)) {
        for (const action of st.actions ?? []) expect(action).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/);
        expect(st.actions).toEqual([...(st.actions ?? [])].sort());
      }
    },
  );

  it('lets a deploy role describe alarms where CloudWatch authorizes it, and change only its own', () => {
    const deploy = bySid(statements(json, 'deploy-staging_permissions'));
    expect(deploy.DescribeAlarms).toMatchObject({
      effect: 'Allow',
      actions: ['cloudwatch:DescribeAlarms'],
      resources: [expect.stringMatching(/^arn:.+:cloudwatch:eu-west-1:.+:alarm:\*$/)],
    });
    expect(deploy.EnvironmentAlarms?.actions).not.toContain('cloudwatch:DescribeAlarms');
    expect(deploy.EnvironmentAlarms?.resources).toEqual([
      expect.stringMatching(/:alarm:workout-pipeline-staging-\*$/),
    ]);
  });

  it.each(['dev', 'staging', 'prod'] as const)(
    "gives %s a read-only plan role, trusted from main only, with the deploy role's reads and denies",
    (env) => {
      expect(resource(json, 'aws_iam_role', `plan-${env}_role`).name).toBe(`workout-pipeline-plan-${env}`);
      const trust = statements(json, `plan-${env}_trust`);
      expect(
        trust.flatMap((st) => st.condition ?? []).find((c) => c.variable.endsWith(':sub'))?.values,
      ).toEqual([expect.stringMatching(/:ref:refs\/heads\/main$/)]);
      const plan = statements(json, `plan-${env}_permissions`);
      const deploy = statements(json, `deploy-${env}_permissions`);
      const allowed = plan.filter((st) => st.effect === 'Allow').flatMap((st) => st.actions ?? []);
      expect(allowed.length).toBeGreaterThan(40);
      for (const action of allowed) expect(action).toMatch(/^[a-z0-9-]+:(Describe|Get|List)/);
      // It can read the state but write nothing, not even the lock file (plans run -lock=false).
      expect(allowed).not.toContain('s3:PutObject');
      expect(allowed).not.toContain('s3:ListBucketVersions');
      expect(bySid(plan).SmokeTestReport).toBeUndefined();
      // Every deny of the deploy role holds for the plan role too.
      expect(plan.filter((st) => st.effect === 'Deny')).toEqual(deploy.filter((st) => st.effect === 'Deny'));
      expect(json.output?.[`plan_role_arn_${env}`]).toBeDefined();
    },
  );

  it('lets a deploy role read no athlete data: no object but its state and the smoke report, no item', () => {
    const deploy = bySid(statements(json, 'deploy-dev_permissions'));
    const allowed = Object.values(deploy).filter((st): st is Statement => st?.effect === 'Allow');
    const reads = allowed.filter((st) =>
      st.actions?.some((a) => /^s3:GetObject|^dynamodb:(GetItem|BatchGetItem|Query|Scan)$/.test(a)),
    );
    expect(reads.map((st) => [st.sid, st.resources])).toEqual([
      ['ReadWriteOwnState', [expect.stringMatching(/\/pipeline\/dev\/terraform\.tfstate$/)]],
      ['OwnStateLockFile', [expect.stringMatching(/\/pipeline\/dev\/terraform\.tfstate\.tflock$/)]],
      [
        'SmokeTestReport',
        [expect.stringMatching(/:s3:::workout-pipeline-dev-processed\/reports\/smoke\/\*$/)],
      ],
    ]);
  });

  it('denies the actions that would move data out of an environment, whatever else allows them', () => {
    const deploy = bySid(statements(json, 'deploy-prod_permissions'));
    expect(deploy.NoDataExfiltration).toMatchObject({ effect: 'Deny', resources: ['*'] });
    expect(deploy.NoDataExfiltration?.actions).toEqual(
      expect.arrayContaining([
        'dynamodb:ExportTableToPointInTime',
        'dynamodb:PutResourcePolicy',
        'lambda:CreateFunctionUrlConfig',
        'logs:PutSubscriptionFilter',
        's3:PutReplicationConfiguration',
        's3:PutBucketAcl',
        'sns:Subscribe',
      ]),
    );
    expect(deploy.ReadNoAthleteData).toMatchObject({
      effect: 'Deny',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
    });
    expect(deploy.ReadNoAthleteData?.not_resources).toHaveLength(3);
    expect(deploy.GrantKeysOnlyToAwsResources?.condition).toEqual([
      { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['false'] },
    ]);
    // Only S3 and EventBridge may be given the right to invoke the function.
    expect(deploy.LetS3AndEventBridgeInvokeTheFunction?.condition).toEqual([
      {
        test: 'StringEquals',
        variable: 'lambda:Principal',
        values: ['s3.amazonaws.com', 'events.amazonaws.com'],
      },
    ]);
    const allows = Object.values(deploy).filter((st): st is Statement => st?.effect === 'Allow');
    const denied = new Set(deploy.NoDataExfiltration?.actions);
    expect(allows.flatMap((st) => st.actions ?? []).filter((a) => denied.has(a))).toEqual([]);
  });

  it('lets a deploy role create only roles that carry its environment boundary', () => {
    const deploy = bySid(statements(json, 'deploy-prod_permissions'));
    expect(deploy.WriteBoundedEnvironmentRoles?.condition).toEqual([
      {
        test: 'StringEquals',
        variable: 'iam:PermissionsBoundary',
        values: [expect.stringMatching(/:policy\/workout-pipeline-prod-boundary$/)],
      },
    ]);
    // Only actions whose request context carries the key may sit under the condition.
    expect(deploy.WriteBoundedEnvironmentRoles?.actions).toEqual([
      'iam:CreateRole',
      'iam:DeleteRolePolicy',
      'iam:PutRolePermissionsBoundary',
      'iam:PutRolePolicy',
    ]);
    // No condition key can keep a new trust policy inside the account, so trust stays as coded.
    expect(deploy.ManageEnvironmentRoles?.actions).not.toContain('iam:UpdateAssumeRolePolicy');
    expect(deploy.KeepRoleTrustAsCoded).toEqual({
      sid: 'KeepRoleTrustAsCoded',
      effect: 'Deny',
      actions: ['iam:UpdateAssumeRolePolicy'],
      resources: ['*'],
    });
    expect(deploy.ManageEnvironmentRoles?.resources).toEqual([
      expect.stringMatching(/:role\/workout-pipeline-prod-\*$/),
    ]);
    expect(resource(json, 'aws_iam_policy', 'boundary-prod').name).toBe('workout-pipeline-prod-boundary');
    expect(deploy.KeepTheBoundary).toMatchObject({
      effect: 'Deny',
      actions: ['iam:DeleteRolePermissionsBoundary'],
    });
  });

  it('publishes the role ARNs the workflows need as outputs', () => {
    expect(Object.keys(json.output).sort()).toEqual([
      'deploy_role_arn_dev',
      'deploy_role_arn_prod',
      'deploy_role_arn_staging',
      'ecr_repository_arn',
      'ecr_repository_url',
      'github_oidc_provider_arn',
      'image_push_role_arn',
      'permissions_boundary_arn_dev',
      'permissions_boundary_arn_prod',
      'permissions_boundary_arn_staging',
      'plan_role_arn_dev',
      'plan_role_arn_prod',
      'plan_role_arn_staging',
      'state_bucket_name',
    ]);
    expect(Object.keys(resources(json, 'aws_iam_role'))).toHaveLength(7);
  });
});

describe('deploy role rights for the EventBridge wiring', () => {
  // Only the partition and the account id enter the ARNs.
  const account = { partition: 'aws', accountId: '123456789012' } as unknown as EnvironmentScope['account'];
  const scope: EnvironmentScope = {
    account,
    env: 'prod',
    region: 'eu-west-1',
    namePrefix: 'workout-pipeline-prod',
    buckets: { ingest: 'workout-pipeline-prod-ingest', processed: 'workout-pipeline-prod-processed' },
    boundaryArn: 'arn:aws:iam::123456789012:policy/workout-pipeline-prod-boundary',
  };
  const state = { bucketArn: 'arn:aws:s3:::acme-tfstate', key: 'pipeline/prod/terraform.tfstate' };
  const ecr = 'arn:aws:ecr:eu-west-1:123456789012:repository/workout-pipeline-processor';

  it('gives no deploy role any EventBridge action while every environment uses the direct notification', () => {
    for (const env of ['dev', 'staging', 'prod'] as const) {
      const actions = statements(json, `deploy-${env}_permissions`).flatMap((st) => st.actions ?? []);
      expect(actions.filter((a) => a.startsWith('events:'))).toEqual([]);
    }
  });

  it('lets the deploy role of an EventBridge-wired environment manage exactly its uploads rule', () => {
    // Act
    const list = deployStatements({ ...scope, uploadsRule: 'workout-pipeline-prod-uploads' }, state, ecr);

    // Assess
    expect(list.filter((st) => st.actions?.some((a) => a.startsWith('events:')))).toEqual([
      {
        sid: 'EnvironmentUploadsRule',
        effect: 'Allow',
        actions: [
          'events:DeleteRule',
          'events:DescribeRule',
          'events:ListTagsForResource',
          'events:ListTargetsByRule',
          'events:PutRule',
          'events:PutTargets',
          'events:RemoveTargets',
          'events:TagResource',
          'events:UntagResource',
        ],
        resources: ['arn:aws:events:eu-west-1:123456789012:rule/workout-pipeline-prod-uploads'],
      },
    ]);
    expect(deployStatements(scope, state, ecr).map((st) => st.sid)).not.toContain('EnvironmentUploadsRule');
  });
});
