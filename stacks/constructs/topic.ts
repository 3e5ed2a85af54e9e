import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import { Construct } from 'constructs';
import type { Subscription } from '../config/types.js';
import type { AccountContext } from './account.js';
import type { PolicyStatement } from './policy.js';
import { denyInsecureTransport, policyDocument, serviceTrust } from './policy.js';

export interface TopicProps {
  readonly account: AccountContext;
  readonly topicName: string;
  readonly kmsKeyArn: string;
  /** Statements that say who may publish; the TLS-only deny is always added. */
  readonly publishStatements: (topicArn: string) => PolicyStatement[];
  /** @default [] */
  readonly subscriptions?: readonly Subscription[];
  /** Permissions boundary of the roles this construct creates. @default none */
  readonly permissionsBoundaryArn?: string;
}

/**
 * An SNS topic encrypted with the environment key, with a resource policy that says who
 * may publish, TLS-only, and delivery status logging (to CloudWatch Logs, through a role
 * that can write only the topic's own delivery-log groups).
 */
export class Topic extends Construct {
  readonly topic: SnsTopic;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: TopicProps) {
    super(scope, id);
    const { account, topicName } = props;
    const feedbackRole = new IamRole(this, 'delivery-status-role', {
      name: `${topicName}-delivery-status`,
      description: `Lets SNS write delivery status logs of ${topicName}`,
      ...(props.permissionsBoundaryArn ? { permissionsBoundary: props.permissionsBoundaryArn } : {}),
      assumeRolePolicy: policyDocument(this, 'delivery-status-trust', [
        serviceTrust('sns.amazonaws.com', account.accountId),
      ]).json,
    });
    // SNS names its delivery-log groups sns/<region>/<account>/<topic>[/Failure].
    const logGroups = account.arn(
      'logs',
      `log-group:sns/${account.region}/${account.accountId}/${topicName}`,
    );
    new IamRolePolicy(this, 'delivery-status-policy', {
      role: feedbackRole.id,
      name: 'delivery-status-logs',
      policy: policyDocument(this, 'delivery-status-permissions', [
        {
          sid: 'WriteDeliveryStatusLogs',
          effect: 'Allow',
          actions: [
            'logs:CreateLogGroup',
            'logs:CreateLogStream',
            'logs:PutLogEvents',
            'logs:PutRetentionPolicy',
          ],
          resources: [logGroups, `${logGroups}:*`, `${logGroups}/Failure`, `${logGroups}/Failure:*`],
        },
      ]).json,
    });

    this.topic = new SnsTopic(this, 'topic', {
      name: topicName,
      kmsMasterKeyId: props.kmsKeyArn,
      // Delivery status for every protocol that supports it (email and SMS log at account level).
      lambdaSuccessFeedbackRoleArn: feedbackRole.arn,
      lambdaFailureFeedbackRoleArn: feedbackRole.arn,
      lambdaSuccessFeedbackSampleRate: 100,
      sqsSuccessFeedbackRoleArn: feedbackRole.arn,
      sqsFailureFeedbackRoleArn: feedbackRole.arn,
      sqsSuccessFeedbackSampleRate: 100,
      httpSuccessFeedbackRoleArn: feedbackRole.arn,
      httpFailureFeedbackRoleArn: feedbackRole.arn,
      httpSuccessFeedbackSampleRate: 100,
      firehoseSuccessFeedbackRoleArn: feedbackRole.arn,
      firehoseFailureFeedbackRoleArn: feedbackRole.arn,
      firehoseSuccessFeedbackSampleRate: 100,
      applicationSuccessFeedbackRoleArn: feedbackRole.arn,
      applicationFailureFeedbackRoleArn: feedbackRole.arn,
      applicationSuccessFeedbackSampleRate: 100,
    });
    this.arn = this.topic.arn;

    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: policyDocument(this, 'policy-document', [
        denyInsecureTransport([this.topic.arn], ['sns:Publish', 'sns:Subscribe']),
        ...props.publishStatements(this.topic.arn),
      ]).json,
    });

    (props.subscriptions ?? []).forEach((s, i) => {
      new SnsTopicSubscription(this, `subscription-${i}`, {
        topicArn: this.topic.arn,
        protocol: s.protocol,
        endpoint: s.endpoint,
      });
    });
  }
}
