/**
 * Publishes the one SNS summary of an upload, and the one weekly message of an athlete's
 * week (gold runs). A marker in the idempotency table, written
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
import type { WeeklyMessage } from '../core/gold/index.js';
import type { Summary } from '../core/upload-summary.js';

export interface SummaryPublisher {
  /** Returns false when the summary of this upload was already published. */
  publishOnce(uploadId: string, summary: Summary): Promise<boolean>;
}

export interface WeeklyPublisher {
  /** Returns false when this athlete's message of this week was already published. */
  publishWeeklyOnce(message: WeeklyMessage): Promise<boolean>;
}

/**
 * A weekly marker outlives the week it is about by far: only the run that finds the week
 * the last completed one publishes it, which is seven days of runs.
 */
export const WEEKLY_MARKER_TTL_SECONDS = 35 * 24 * 3600;

interface Message {
  readonly subject: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, { readonly type: string; readonly value: string }>>;
}

export interface SnsSummaryPublisherOptions {
  readonly topicArn: string;
  readonly markerTable: string;
  readonly markerTtlSeconds: number;
  readonly now?: () => Date;
  /** Told when the summary went out but its marker could not be written. */
  readonly onMarkerFailure?: (uploadId: string, error: unknown) => void;
}

export class SnsSummaryPublisher implements SummaryPublisher, WeeklyPublisher {
  private readonly now: () => Date;

  constructor(
    private readonly sns: SNSClient,
    private readonly documents: DynamoDBDocumentClient,
    private readonly options: SnsSummaryPublisherOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  publishOnce(uploadId: string, summary: Summary): Promise<boolean> {
    return this.publishMarked(`summary#${uploadId}`, uploadId, summary, this.options.markerTtlSeconds);
  }

  publishWeeklyOnce(message: WeeklyMessage): Promise<boolean> {
    const attributes = Object.fromEntries(
      Object.entries(message.attributes).map(([name, value]) => [
        name,
        { type: name === 'personalRecords' ? 'Number' : 'String', value },
      ]),
    );
    return this.publishMarked(
      message.deduplicationId,
      message.deduplicationId,
      { subject: message.subject, body: message.text, attributes },
      WEEKLY_MARKER_TTL_SECONDS,
    );
  }

  private async publishMarked(id: string, label: string, message: Message, ttlSeconds: number) {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.options.markerTable, Key: { id }, ConsistentRead: true }),
    );
    if (Item) return false;

    const { MessageId } = await this.sns.send(
      new PublishCommand({
        TopicArn: this.options.topicArn,
        Subject: message.subject,
        Message: message.body,
        MessageAttributes: Object.fromEntries(
          Object.entries(message.attributes).map(([name, { type, value }]) => [
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
            expiration: nowSeconds + ttlSeconds,
          },
        }),
      );
    } catch (error) {
      this.options.onMarkerFailure?.(label, error);
    }
    return true;
  }
}
