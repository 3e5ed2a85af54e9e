/**
 * The gold marks table (key athlete, week): the weeks uploads touched and the gold run has
 * not recomputed yet. Uploads write marks inside their sessions transactions
 * (sessions-store.ts); the run reads them all (the table holds only pending work, so the
 * scan is as small as the work) and clears each one it recomputed, on the condition that
 * its revision is still the one read, so a week marked again meanwhile stays marked.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { GoldMark } from '../core/gold/index.js';

export interface GoldMarks {
  pending(): Promise<GoldMark[]>;
  /** Clears the mark if no write marked its week since it was read; false if one did. */
  clear(mark: GoldMark): Promise<boolean>;
}

export class DynamoGoldMarks implements GoldMarks {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async pending(): Promise<GoldMark[]> {
    const marks: GoldMark[] = [];
    const pages = paginateScan(
      { client: this.documents },
      { TableName: this.tableName, ConsistentRead: true },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        marks.push({
          athlete: String(item.athlete),
          week: String(item.week),
          days: item.days instanceof Set ? [...(item.days as Set<string>)].map(String).sort() : [],
          revision: Number(item.revision ?? 0),
        });
      }
    }
    return marks.sort((a, b) => a.athlete.localeCompare(b.athlete) || a.week.localeCompare(b.week));
  }

  async clear(mark: GoldMark): Promise<boolean> {
    try {
      await this.documents.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { athlete: mark.athlete, week: mark.week },
          ConditionExpression: 'revision = :revision',
          ExpressionAttributeValues: { ':revision': mark.revision },
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error as Error).name === 'ConditionalCheckFailedException'
      ) {
        return false;
      }
      throw error;
    }
  }
}
