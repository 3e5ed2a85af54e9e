/**
 * The sessions table (PK athlete, SK sessionId). Reads in batches (BatchGetItem, 100 keys)
 * so an upload of years of history where few sessions are new costs few requests; writes
 * only new and changed sessions, each conditional on what was read, so concurrent uploads
 * and redelivered events never count a session as new twice.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { StoredSession } from '../core/change-detection.js';
import type { Session } from '../core/model.js';

export const BATCH_GET_LIMIT = 100;

/** Attributes a session may lack (no workout id in the source, no stated offset). */
const OPTIONAL_ATTRIBUTES = ['sourceWorkoutId', 'utcOffset'] as const;

/**
 * What the item says about the session's content: one definition for insert and update, so
 * the two can never store different fields.
 */
const contentAttributes = (session: Session) => ({
  contentHash: session.contentHash,
  setCount: session.sets.length,
  sessionStart: session.sessionStart,
  utcOffset: session.utcOffset,
  timezone: session.timezone,
  name: session.name,
  source: session.source,
  sourceWorkoutId: session.sourceWorkoutId ?? undefined,
});

export interface SessionsStore {
  getMany(athlete: string, sessionIds: readonly string[]): Promise<Map<string, StoredSession>>;
  /** false when the item appeared meanwhile (another upload stored it first). */
  insert(session: Session, uploadId: string): Promise<boolean>;
  /** false when the stored content no longer has `expectedHash`. */
  update(session: Session, uploadId: string, expectedHash: string): Promise<boolean>;
}

export interface DynamoSessionsStoreOptions {
  readonly maxBatchAttempts?: number;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class DynamoSessionsStore implements SessionsStore {
  private readonly maxBatchAttempts: number;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoSessionsStoreOptions = {},
  ) {
    this.maxBatchAttempts = options.maxBatchAttempts ?? 8;
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async getMany(athlete: string, sessionIds: readonly string[]): Promise<Map<string, StoredSession>> {
    const found = new Map<string, StoredSession>();
    const unique = [...new Set(sessionIds)];
    for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = unique
        .slice(start, start + BATCH_GET_LIMIT)
        .map((sessionId) => ({ athlete, sessionId }));
      for (let attempt = 1; keys.length > 0; attempt++) {
        if (attempt > this.maxBatchAttempts) {
          throw new Error(
            `BatchGetItem on ${this.tableName} left ${keys.length} keys unprocessed after ${this.maxBatchAttempts} attempts (throttled)`,
          );
        }
        if (attempt > 1) await this.sleep(Math.min(2 ** attempt * 25, 2_000) * (0.5 + Math.random() / 2));
        const output = await this.documents.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: keys,
                ProjectionExpression: 'sessionId, contentHash, firstUpload, lastChangedUpload',
                ConsistentRead: true,
              },
            },
          }),
        );
        for (const item of output.Responses?.[this.tableName] ?? []) {
          found.set(String(item.sessionId), {
            contentHash: String(item.contentHash),
            firstUpload: String(item.firstUpload),
            lastChangedUpload: String(item.lastChangedUpload),
          });
        }
        keys = (output.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async insert(session: Session, uploadId: string): Promise<boolean> {
    const now = this.now().toISOString();
    return this.conditional(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          athlete: session.athlete,
          sessionId: session.id,
          ...contentAttributes(session),
          firstUpload: uploadId,
          lastChangedUpload: uploadId,
          createdAt: now,
          updatedAt: now,
        },
        ConditionExpression: 'attribute_not_exists(sessionId)',
      }),
    );
  }

  /**
   * Replaces every attribute that describes the session with the new content, so the item
   * afterwards is what a fresh insert of this session would store (only `firstUpload` and
   * `createdAt` keep their first values): optional attributes the new content lacks are
   * removed, not left from before.
   */
  async update(session: Session, uploadId: string, expectedHash: string): Promise<boolean> {
    const content = contentAttributes(session);
    const set = Object.entries(content).filter(([, value]) => value !== undefined);
    const remove = OPTIONAL_ATTRIBUTES.filter((name) => content[name] === undefined);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {
      ':upload': uploadId,
      ':now': this.now().toISOString(),
      ':expected': expectedHash,
    };
    const assignments = set.map(([name, value]) => {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      return `#${name} = :${name}`;
    });
    for (const name of remove) names[`#${name}`] = name;
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { athlete: session.athlete, sessionId: session.id },
        UpdateExpression: [
          `SET ${[...assignments, 'lastChangedUpload = :upload', 'updatedAt = :now'].join(', ')}`,
          remove.length > 0 ? `REMOVE ${remove.map((name) => `#${name}`).join(', ')}` : '',
        ]
          .join(' ')
          .trim(),
        ConditionExpression: 'contentHash = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  private async conditional(command: PutCommand | UpdateCommand): Promise<boolean> {
    try {
      await this.documents.send(command as PutCommand);
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
