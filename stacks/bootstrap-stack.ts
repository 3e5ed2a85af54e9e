import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy/index.js';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy/index.js';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy/index.js';
import { Aspects, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { DataProtectionAspect } from './aspects/data-protection.js';
import { EncryptionAspect } from './aspects/encryption.js';
import { RequiredTagsAspect } from './aspects/tags.js';
import { ENVIRONMENTS } from './config/environments.js';
import {
  bootstrapNames,
  DEPLOY_ROLE_GITHUB_ENVIRONMENTS,
  githubBranchSubject,
  githubEnvironmentSubject,
  IMAGE_MARKERS,
  imageMarkerPattern,
  LIVE_ALIAS,
  resourceNames,
} from './config/naming.js';
import type { BootstrapConfig, DeployEnvironment, EnvironmentConfig } from './config/types.js';
import { DEPLOY_ENVIRONMENTS } from './config/types.js';
import { AccountContext } from './constructs/account.js';
import { awsProvider } from './constructs/aws-provider.js';
import type { EnvironmentScope } from './constructs/deploy-permissions.js';
import { boundaryStatements, deployStatements, planStatements } from './constructs/deploy-permissions.js';
import { GithubOidcProvider, GithubRole } from './constructs/github-oidc.js';
import { policyDocument } from './constructs/policy.js';
import { SecureBucket } from './constructs/secure-bucket.js';

export interface BootstrapStackProps {
  readonly config: BootstrapConfig;
  /**
   * What the OIDC `sub` of the repository whose workflows may assume the roles starts with:
   * `repo:OWNER/REPO` (classic) or `repo:OWNER@OWNER_ID/REPO@REPO_ID` (immutable), exactly as
   * GitHub signs it (synth input GITHUB_OIDC_SUBJECT_PREFIX). The roles trust
   * `<prefix>:environment:<name>` and `<prefix>:ref:refs/heads/<pushBranch>`, nothing else.
   */
  readonly githubSubjectPrefix: string;
  /** State bucket this stack creates (and, unless `localState`, keeps its own state in). */
  readonly stateBucket: string;
  /** Keep this stack's state locally: only for the very first apply. @default false */
  readonly localState?: boolean;
  /** Where local state goes, relative to the stack's directory. @default the project root */
  readonly localStatePath?: string;
  /** Endpoint of the AWS emulator (APPLY_INTO_EMULATOR). @default real AWS */
  readonly endpoint?: string;
  /** Branch whose workflow may push images. @default 'main' */
  readonly pushBranch?: string;
}

/**
 * Once per account: the Terraform state bucket, the ECR repository, GitHub's OIDC
 * provider, one deploy role (and permissions boundary) per environment, and the image-push role.
 */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, props: BootstrapStackProps) {
    const names = bootstrapNames(props.config.prefix);
    super(scope, names.stack);
    const { config } = props;
    // The suffixes are appended after a `:`; a prefix holding one could widen or shift them.
    if (!/^repo:[^:*?]+$/.test(props.githubSubjectPrefix))
      throw new Error(
        `${names.stack}: the OIDC subject prefix '${props.githubSubjectPrefix}' must be repo:OWNER/REPO or repo:OWNER@OWNER_ID/REPO@REPO_ID`,
      );

    awsProvider(this, { region: config.region, tags: config.tags, endpoint: props.endpoint });
    if (props.localState || props.localStatePath) {
      new LocalBackend(this, { path: props.localStatePath ?? `../../../terraform.${names.stack}.tfstate` });
    } else {
      new S3Backend(this, {
        bucket: props.stateBucket,
        key: names.stateKeys.bootstrap,
        region: config.region,
        encrypt: true,
      });
      this.addOverride('terraform.backend.s3.use_lockfile', true);
    }
    const account = new AccountContext(this, 'account', config.region);

    const state = new SecureBucket(this, 'state', {
      bucketName: props.stateBucket,
      forceDestroy: false,
      lifecycleRules: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: config.stateNoncurrentDays }],
        },
      ],
    });

    const repository = new EcrRepository(this, 'repository', {
      name: names.ecrRepository,
      // Commit-SHA tags can never move; only the deploy markers (deployed-<env>, deploying-<env>)
      // may be moved from image to image, so they always name what an environment runs.
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilter: IMAGE_MARKERS.map((marker) => ({
        filter: imageMarkerPattern(marker),
        filterType: 'WILDCARD',
      })),
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS' }],
      forceDelete: false,
    });
    new EcrLifecyclePolicy(this, 'repository-lifecycle', {
      repository: repository.name,
      policy: JSON.stringify({
        rules: [
          // An image that matches a rule's tags can never be expired by a later rule, so these
          // first rules keep every image that carries a deploy marker. At most one image per
          // environment carries each marker (the tags move), so the count is never exceeded.
          ...IMAGE_MARKERS.map((marker, index) => ({
            rulePriority: index + 1,
            description: `Never expire an image tagged ${imageMarkerPattern(marker)}: an environment runs or is deploying it`,
            selection: {
              tagStatus: 'tagged',
              tagPatternList: [imageMarkerPattern(marker)],
              countType: 'imageCountMoreThan',
              countNumber: DEPLOY_ENVIRONMENTS.length,
            },
            action: { type: 'expire' },
          })),
          {
            rulePriority: IMAGE_MARKERS.length + 1,
            description: 'Expire untagged images (superseded manifests, failed pushes)',
            selection: {
              tagStatus: 'untagged',
              countType: 'sinceImagePushed',
              countUnit: 'days',
              countNumber: config.untaggedImageExpirationDays,
            },
            action: { type: 'expire' },
          },
          {
            rulePriority: IMAGE_MARKERS.length + 2,
            description: `Keep the last ${config.keepTaggedImages} commit-SHA-tagged images`,
            selection: {
              tagStatus: 'tagged',
              tagPatternList: ['*'],
              countType: 'imageCountMoreThan',
              countNumber: config.keepTaggedImages,
            },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    new EcrRepositoryPolicy(this, 'repository-policy', {
      repository: repository.name,
      policy: policyDocument(this, 'repository-policy-document', [
        {
          sid: 'LambdaPullsPipelineImages',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
          actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          condition: [
            {
              test: 'StringLike',
              variable: 'aws:SourceArn',
              // The function, and its published versions (pulled when a version is created).
              values: DEPLOY_ENVIRONMENTS.flatMap((env) => [
                functionArn(account, env),
                functionArn(account, env, '*'),
              ]),
            },
          ],
        },
      ]).json,
    });

    const oidc = new GithubOidcProvider(this, 'github-oidc');
    const prefix = props.githubSubjectPrefix;
    const pushBranch = props.pushBranch ?? 'main';

    const push = new GithubRole(this, 'image-push', {
      providerArn: oidc.arn,
      roleName: names.imagePushRole,
      description: `Pushes images to ${names.ecrRepository} from ${prefix} on ${pushBranch}`,
      subjects: [githubBranchSubject(prefix, pushBranch)],
      statements: [
        {
          // GetAuthorizationToken has no resource-level permissions.
          sid: 'RegistryLogin',
          effect: 'Allow',
          actions: ['ecr:GetAuthorizationToken'],
          resources: ['*'],
        },
        {
          sid: 'PushAndResolveImages',
          effect: 'Allow',
          actions: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:BatchGetImage',
            'ecr:CompleteLayerUpload',
            'ecr:DescribeImages',
            'ecr:GetDownloadUrlForLayer',
            'ecr:InitiateLayerUpload',
            'ecr:PutImage',
            'ecr:UploadLayerPart',
          ],
          resources: [repository.arn],
        },
        {
          // scripts/steps/mark-image moves deployed-<env> to the image the alias `live` runs
          // (after a rollback, not the function's latest).
          sid: 'ReadDeployedImage',
          effect: 'Allow',
          actions: ['lambda:GetFunction'],
          resources: DEPLOY_ENVIRONMENTS.flatMap((env) => [
            functionArn(account, env),
            functionArn(account, env, LIVE_ALIAS),
          ]),
        },
      ],
    });

    const outputs: Record<string, string> = {
      state_bucket_name: state.name,
      ecr_repository_url: repository.repositoryUrl,
      ecr_repository_arn: repository.arn,
      github_oidc_provider_arn: oidc.arn,
      image_push_role_arn: push.arn,
    };

    for (const env of DEPLOY_ENVIRONMENTS) {
      const envNames = resourceNames(env);
      const githubEnvironments = DEPLOY_ROLE_GITHUB_ENVIRONMENTS[env];
      const boundary = new IamPolicy(this, `boundary-${env}`, {
        name: envNames.permissionsBoundary,
        description: `The most any role of ${env} may do; every role the ${env} deploy role creates carries it`,
        policy: policyDocument(this, `boundary-${env}-document`, boundaryStatements(this.scope(account, env)))
          .json,
      });
      const role = new GithubRole(this, `deploy-${env}`, {
        providerArn: oidc.arn,
        roleName: names.deployRoles[env],
        description: `Deploys ${envNames.stack} from ${prefix}'s GitHub Environment ${githubEnvironments.join(' or ')}`,
        subjects: mapSubjects(githubEnvironments, (githubEnv) => githubEnvironmentSubject(prefix, githubEnv)),
        statements: deployStatements(
          this.scope(account, env),
          { bucketArn: state.arn, key: names.stateKeys[env] },
          repository.arn,
        ),
      });
      outputs[`deploy_role_arn_${env}`] = role.arn;
      // The plan shown before approval: from main (the plan job has no GitHub Environment,
      // as the image job), read-only, so an unapproved run can look but never change.
      const plan = new GithubRole(this, `plan-${env}`, {
        providerArn: oidc.arn,
        roleName: names.planRoles[env],
        description: `Plans ${envNames.stack} read-only from ${prefix} on ${pushBranch}, before approval`,
        subjects: [githubBranchSubject(prefix, pushBranch)],
        statements: planStatements(
          this.scope(account, env),
          { bucketArn: state.arn, key: names.stateKeys[env] },
          repository.arn,
        ),
      });
      outputs[`plan_role_arn_${env}`] = plan.arn;
      outputs[`permissions_boundary_arn_${env}`] = boundary.arn;
    }
    for (const [name, value] of Object.entries(outputs)) new TerraformOutput(this, name, { value });

    Aspects.of(this).add(new EncryptionAspect());
    Aspects.of(this).add(new RequiredTagsAspect());
    Aspects.of(this).add(new DataProtectionAspect('bootstrap'));
  }

  /** The environment a deploy role and its boundary cover; the boundary ARN follows from its name. */
  private scope(account: AccountContext, env: DeployEnvironment): EnvironmentScope {
    const names = resourceNames(env);
    const config: EnvironmentConfig = ENVIRONMENTS[env];
    return {
      account,
      env,
      region: names.region,
      namePrefix: `${config.prefix}-${env}`,
      buckets: names.buckets,
      boundaryArn: `arn:${account.partition}:iam::${account.accountId}:policy/${names.permissionsBoundary}`,
      // Switching an environment to EventBridge needs this stack applied first; switching
      // back, the pipeline first (its deploy deletes the rule), then this stack.
      ...(config.eventSource === 'eventbridge' ? { uploadsRule: names.uploadsRule } : {}),
    };
  }
}

/** An environment's function, or one of its qualifiers (an alias, a version, `*`). */
function functionArn(account: AccountContext, env: DeployEnvironment, qualifier?: string): string {
  const e = resourceNames(env);
  const arn = `arn:${account.partition}:lambda:${e.region}:${account.accountId}:function:${e.function}`;
  return qualifier === undefined ? arn : `${arn}:${qualifier}`;
}

/** Maps a non-empty list, keeping it non-empty in the type. */
function mapSubjects<T>(items: readonly [T, ...T[]], map: (item: T) => string): [string, ...string[]] {
  const [first, ...rest] = items;
  return [map(first), ...rest.map(map)];
}
