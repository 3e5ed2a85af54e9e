import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createQueue, receiveMessages, sns, sqs, uniqueName } from '../support/aws.js';

describe('SNS topic subscribed by an SQS queue on the emulator', () => {
  it('delivers a published summary with its subject and message attributes', async () => {
    // Prepare
    const snsClient = sns();
    const sqsClient = sqs();
    const { TopicArn } = await snsClient.send(new CreateTopicCommand({ Name: uniqueName('summaries') }));
    const queue = await createQueue(sqsClient, uniqueName('subscriber'));
    await sqsClient.send(
      new SetQueueAttributesCommand({
        QueueUrl: queue.url,
        Attributes: {
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'sns.amazonaws.com' },
                Action: 'sqs:SendMessage',
                Resource: queue.arn,
                Condition: { ArnEquals: { 'aws:SourceArn': TopicArn } },
              },
            ],
          }),
        },
      }),
    );
    await snsClient.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn }));

    // Act
    await snsClient.send(
      new PublishCommand({
        TopicArn,
        Subject: '3 new workouts',
        Message: '3 new workouts, 61 sets, 2 rows rejected',
        MessageAttributes: { newSessions: { DataType: 'Number', StringValue: '3' } },
      }),
    );
    const [message] = await receiveMessages(sqsClient, queue.url);

    // Assess
    const envelope = JSON.parse(message?.Body ?? '{}');
    expect(envelope.Type).toBe('Notification');
    expect(envelope.TopicArn).toBe(TopicArn);
    expect(envelope.Subject).toBe('3 new workouts');
    expect(envelope.Message).toBe('3 new workouts, 61 sets, 2 rows rejected');
    expect(envelope.MessageAttributes.newSessions).toEqual({ Type: 'Number', Value: '3' });
  });
});
