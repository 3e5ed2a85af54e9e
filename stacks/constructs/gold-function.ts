import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule/index.js';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { SESSIONS_WEEK_INDEX } from '../../lambda/src/core/gold/session-digest.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../config/environments.js';
import { COMMIT_TAG, type EnvironmentResourceNames } from '../config/naming.js';
import type { GoldSettings } from '../config/types.js';
import type { AccountContext } from './account.js';
import { functionBase, imageFunctionSettings } from './function-base.js';
import { functionRuntimeStatements, policyDocument, serviceTrust } from './policy.js';

/** The image command that selects the gold entry point (lambda/src/gold-handler.ts). */
export const GOLD_COMMAND = 'gold-handler.handler';
/** What the schedule sends: core/gold/run-request.ts reads it as the scheduled run. */
export const SCHEDULED_GOLD_EVENT = { gold: 'scheduled' } as const;

interface Named {
  readonly name: string;
  readonly arn: string;
}

export interface GoldFunctionProps {
  readonly account: AccountContext;
  readonly names: EnvironmentResourceNames['gold'];
  readonly environmentName: string;
  readonly logRetentionDays: number;
  /** The processor's image, by digest: the same image, another command. */
  readonly imageUri: string;
  /** @default no tag */
  readonly commit?: string;
  readonly settings: GoldSettings;
  /** The uploads' default timezone (DEFAULT_TIMEZONE), as the processor has it. */
  readonly defaultTimezone: string;
  readonly logLevel: string;
  readonly kmsKeyArn: string;
  readonly kmsKeyPolicy?: ITerraformDependable;
  readonly processed: Named;
  readonly sessionsTable: Named;
  readonly idempotencyTable: Named;
  readonly goldMarksTable: Named;
  readonly summaryTopicArn: string;
  /** Prefixes of the processed bucket the run writes under (and nothing else). */
  readonly outputPrefixes: readonly string[];
  /** @default none */
  readonly permissionsBoundaryArn?: string;
}

/**
 * The daily gold run (docs/gold.md): a second function of the processor's image with the
 * command `gold-handler.handler`, its log group and least-privilege role, and the
 * EventBridge Scheduler schedule that invokes it with `{"gold":"scheduled"}` through a role
 * that may invoke only it. No alias or versions: nothing but the schedule and a reprocess
 * invokes it, and a run is idempotent, so a deploy updates it in place.
 */
export class GoldFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly schedule: SchedulerSchedule;

  constructor(scope: Construct, id: string, props: GoldFunctionProps) {
    super(scope, id);
    const { account, names, settings } = props;
    const boundary = props.permissionsBoundaryArn
      ? { permissionsBoundary: props.permissionsBoundaryArn }
      : {};
    ({ logGroup: this.logGroup, role: this.role } = functionBase(this, {
      ...props,
      functionName: names.function,
      roleName: names.role,
      logGroupName: names.logGroup,
    }));
    new IamRolePolicy(this, 'policy', {
      role: this.role.id,
      name: 'least-privilege',
      policy: policyDocument(this, 'permissions', [
        {
          sid: 'WriteGold',
          effect: 'Allow',
          actions: ['s3:PutObject'],
          resources: props.outputPrefixes.map((prefix) => `${props.processed.arn}/${prefix}*`),
        },
        {
          // Sessions whose item holds no complete digest are read back from their silver file.
          sid: 'ReadSilver',
          effect: 'Allow',
          actions: ['s3:GetObject'],
          resources: [`${props.processed.arn}/silver/*`],
        },
        {
          // Without it S3 answers a missing silver file with 403 instead of 404, and the run
          // would fail instead of naming the session it could not count.
          sid: 'TellMissingSilver',
          effect: 'Allow',
          actions: ['s3:ListBucket'],
          resources: [props.processed.arn],
        },
        {
          // An athlete's history (the table's partition) and who trained when (the week index).
          sid: 'ReadSessions',
          effect: 'Allow',
          actions: ['dynamodb:Query'],
          resources: [
            props.sessionsTable.arn,
            `${props.sessionsTable.arn}/index/${SESSIONS_WEEK_INDEX.name}`,
          ],
        },
        {
          // The pending marks, each cleared on the revision read (gold-marks.ts).
          sid: 'ClearGoldMarks',
          effect: 'Allow',
          actions: ['dynamodb:DeleteItem', 'dynamodb:Scan'],
          resources: [props.goldMarksTable.arn],
        },
        {
          // The weekly messages' markers: published once per (athlete, week).
          sid: 'WeeklyMessageMarkers',
          effect: 'Allow',
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
          resources: [props.idempotencyTable.arn],
        },
        {
          sid: 'PublishWeekly',
          effect: 'Allow',
          actions: ['sns:Publish'],
          resources: [props.summaryTopicArn],
        },
        ...functionRuntimeStatements(props.kmsKeyArn, this.logGroup.arn),
      ]).json,
    });

    this.function = new LambdaFunction(this, 'function', {
      functionName: names.function,
      description: 'Daily gold: recomputes the weeks uploads touched, and the weekly message of each athlete',
      ...imageFunctionSettings({
        role: this.role,
        logGroup: this.logGroup,
        imageUri: props.imageUri,
        kmsKeyArn: props.kmsKeyArn,
      }),
      imageConfig: { command: [GOLD_COMMAND] },
      memorySize: settings.memoryMb,
      timeout: settings.timeoutSeconds,
      environment: {
        variables: {
          PROCESSED_BUCKET: props.processed.name,
          SESSIONS_TABLE: props.sessionsTable.name,
          IDEMPOTENCY_TABLE: props.idempotencyTable.name,
          GOLD_MARKS_TABLE: props.goldMarksTable.name,
          SUMMARY_TOPIC_ARN: props.summaryTopicArn,
          DEFAULT_TIMEZONE: props.defaultTimezone,
          GOLD_TIMEZONE: settings.timezone,
          POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
          POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
          ENVIRONMENT_NAME: props.environmentName,
          POWERTOOLS_LOG_LEVEL: props.logLevel,
        },
      },
      ...(props.commit !== undefined ? { tags: { [COMMIT_TAG]: props.commit } } : {}),
    });

    const schedulerRole = new IamRole(this, 'scheduler-role', {
      name: names.schedulerRole,
      description: `Lets the schedule ${names.schedule} invoke ${names.function}, and nothing else`,
      ...boundary,
      assumeRolePolicy: policyDocument(this, 'scheduler-trust', [
        serviceTrust('scheduler.amazonaws.com', account.accountId),
      ]).json,
    });
    new IamRolePolicy(this, 'scheduler-policy', {
      role: schedulerRole.id,
      name: 'invoke-gold',
      policy: policyDocument(this, 'scheduler-permissions', [
        {
          sid: 'InvokeGold',
          effect: 'Allow',
          actions: ['lambda:InvokeFunction'],
          resources: [this.function.arn],
        },
        {
          sid: 'DecryptScheduleInput',
          effect: 'Allow',
          actions: ['kms:Decrypt'],
          resources: [props.kmsKeyArn],
        },
      ]).json,
    });

    this.schedule = new SchedulerSchedule(this, 'schedule', {
      name: names.schedule,
      description: `Daily gold run of ${props.environmentName}`,
      scheduleExpression: settings.schedule,
      scheduleExpressionTimezone: settings.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      // The target's input at rest; Scheduler decrypts it with the execution role's rights.
      kmsKeyArn: props.kmsKeyArn,
      target: {
        arn: this.function.arn,
        roleArn: schedulerRole.arn,
        input: JSON.stringify(SCHEDULED_GOLD_EVENT),
        // A failed run keeps its marks; the next day's run recomputes them anyway.
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      },
    });
  }
}
