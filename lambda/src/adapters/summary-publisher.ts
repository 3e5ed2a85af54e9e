/**
 * Publishes the one SNS summary of an upload. A marker in the idempotency table, written
 * right after a successful publish, keeps a retry of the same upload (for example after
 * the function timed out once the message was out) from publishing it again. The marker
 * expires with the idempotency records.
 *
 * A marker write that fails after the publish does not fail the upload: the message is out,
 * and failing would make Lambda retry and publish it a second time. The Powertools
 * idempotency record, saved as the invocation succeeds, then stops redeliveries; only a
 * crash (or a failed record save) in that short gap still lets a retry publish again. A
 * marker written as "pending" before the publish would not close that gap: SNS cannot be
 * asked whether a message went out, so a retry finding a pending marker would have to
 * choose between a second summary and none.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Summary } from '../core/upload-summary.js';

export interface SummaryPublisher {
  /** Returns false when the summary of this upload was already published. */
  publishOnce(uploadId: string, summary: Summary): Promise<boolean>;
}

export interface SnsSummaryPublisherOptions {
  readonly topicArn: string;
  readonly markerTable: string;
  readonly markerTtlSeconds: number;
  readonly now?: () => Date;
  /** Told when the summary went out but its marker could not be written. */
  readonly onMarkerFailure?: (uploadId: string, error: unknown) => void;
}

export class SnsSummaryPublisher implements SummaryPublisher {
  private readonly now: () => Date;

  constructor(
    private readonly sns: SNSClient,
    private readonly documents: DynamoDBDocumentClient,
    private readonly options: SnsSummaryPublisherOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async publishOnce(uploadId: string, summary: Summary): Promise<boolean> {
    const id = `summary#${uploadId}`;
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.options.markerTable, Key: { id }, ConsistentRead: true }),
    );
    if (Item) return false;

    const { MessageId } = await this.sns.send(
      new PublishCommand({
        TopicArn: this.options.topicArn,
        Subject: summary.subject,
        Message: summary.body,
        MessageAttributes: Object.fromEntries(
          Object.entries(summary.attributes).map(([name, { type, value }]) => [
            name,
            { DataType: type, StringValue: value },
          ]),
        ),
      }),
    );
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.options.markerTable,
          Item: {
            id,
            status: 'PUBLISHED',
            messageId: MessageId,
            expiration: nowSeconds + this.options.markerTtlSeconds,
          },
        }),
      );
    } catch (error) {
      this.options.onMarkerFailure?.(uploadId, error);
    }
    return true;
  }
}
