/**
 * The sessions table (PK athlete, SK sessionId). Reads in batches (BatchGetItem, 100 keys)
 * and writes new and changed sessions in transactions (TransactWriteItems, up to 100 items),
 * each put conditional on what was read, so an upload of years of history costs about two
 * requests per hundred sessions, and concurrent uploads and redelivered events never count
 * a session as new twice.
 *
 * Beside it, in the idempotency table (where the per-upload markers live), one small record
 * per uploaded object key (`object-version#<hash of bucket and key>`): the version of that
 * key last applied, so an event for an older version changes nothing. Every transaction
 * checks that this upload still holds that claim: once a newer version of the key has
 * claimed it, an older one in flight stops before its next write. The record expires after
 * `versionTtlSeconds`, long after any event of an older version can still arrive.
 *
 * In the same transaction as the sessions, one mark per (athlete, ISO week) the writes
 * touched, with the days they touched, in the gold marks table: what the next gold run
 * recomputes (docs/gold.md).
 * Marking in the transaction means no session is stored without its week marked, and a
 * mark's `revision` grows with every write, so the gold run deletes a mark only when no
 * upload marked the week again while it computed.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { StoredSession, Write } from '../core/change-detection.js';
import { dayOfSession, isoWeekOf, storedDigestOf } from '../core/gold/index.js';
import type { Session } from '../core/model.js';
import { type ObjectOrder, orderKindOf } from '../core/object-order.js';
import { objectVersionIdOf } from '../core/upload-id.js';

export const BATCH_GET_LIMIT = 100;
/** DynamoDB's limit of items per TransactWriteItems. */
export const TRANSACTION_LIMIT = 100;
export const VERSION_TTL_SECONDS = 30 * 24 * 3600;

/** A session and the conditional write its plan asks for. */
export interface SessionWrite {
  readonly session: Session;
  readonly plan: Write;
}

/** The version of an object key an upload applies (object-order.ts). */
export interface ObjectVersion {
  readonly bucket: string;
  readonly key: string;
  readonly order: ObjectOrder;
  readonly uploadId: string;
  readonly versionId: string | undefined;
}

export type TransactionResult =
  | { readonly status: 'written' }
  /** Nothing was written: a newer version of the object claimed it meanwhile. */
  | { readonly status: 'superseded' }
  /**
   * Nothing was written: the stored items of `lost` changed since they were read (read them
   * again and plan anew; the others can be written as planned). A transaction cancelled
   * only because another one held an item, or by throttling, is retried here.
   */
  | { readonly status: 'lost'; readonly lost: ReadonlySet<string> };

export interface SessionsStore {
  getMany(athlete: string, sessionIds: readonly string[]): Promise<Map<string, StoredSession>>;
  /**
   * Writes sessions of one athlete and the marks of the weeks they touch all at once or
   * none, and only while `claim` is still this upload's claim on its object. The writes
   * must fit one transaction: see `transactionGroups`.
   */
  writeAll(
    writes: readonly SessionWrite[],
    uploadId: string,
    claim: ObjectVersion | undefined,
  ): Promise<TransactionResult>;
  /** The version last applied for the object key, if any. */
  appliedVersion(bucket: string, key: string): Promise<ObjectVersion | undefined>;
  /**
   * Records `version` as the applied version of its key unless a later one is recorded;
   * returns undefined on success, else the later version.
   */
  claim(version: ObjectVersion): Promise<ObjectVersion | undefined>;
}

/**
 * The local days a write changes the gold of: the session's day, and the day its stored
 * content counted on when the session moved (an app's workout id kept, its start edited).
 */
export function daysTouchedBy({ session, plan }: SessionWrite): string[] {
  const day = dayOfSession(session);
  const before = plan.write === 'update' ? plan.previous.day : undefined;
  return before !== undefined && before !== day ? [day, before] : [day];
}

/** The ISO weeks of `daysTouchedBy`: one gold mark each. */
export const weeksTouchedBy = (write: SessionWrite): string[] => [
  ...new Set(daysTouchedBy(write).map((day) => isoWeekOf(day).key)),
];

/** The days each week's mark records, from the writes of one transaction. */
function marksOf(writes: readonly SessionWrite[]): Map<string, Set<string>> {
  const marks = new Map<string, Set<string>>();
  for (const day of writes.flatMap(daysTouchedBy)) {
    const week = isoWeekOf(day).key;
    marks.set(week, (marks.get(week) ?? new Set()).add(day));
  }
  return new Map([...marks].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Splits planned writes of one athlete into transactions that fit DynamoDB's limit of
 * items: each transaction's sessions, the marks of the weeks they touch, and the claim check.
 */
export function transactionGroups(writes: readonly SessionWrite[], claimed: boolean): SessionWrite[][] {
  const room = TRANSACTION_LIMIT - (claimed ? 1 : 0);
  const groups: SessionWrite[][] = [];
  let group: SessionWrite[] = [];
  let weeks = new Set<string>();
  for (const write of writes) {
    const touched = weeksTouchedBy(write);
    const added = touched.filter((w) => !weeks.has(w)).length;
    if (group.length > 0 && group.length + 1 + weeks.size + added > room) {
      groups.push(group);
      group = [];
      weeks = new Set();
    }
    group.push(write);
    for (const w of touched) weeks.add(w);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

export interface DynamoSessionsStoreOptions {
  /** Where the applied version of each object key is recorded (the idempotency table). */
  readonly versionsTable: string;
  /** Where the weeks gold must recompute are marked (key athlete, week). */
  readonly marksTable: string;
  /**
   * How long that record is kept: longer than any older event can still arrive (Lambda's
   * maximum event age is 6 h; a DLQ or an SQS queue keeps a message at most 14 days).
   * @default 30 days
   */
  readonly versionTtlSeconds?: number;
  readonly maxBatchAttempts?: number;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class DynamoSessionsStore implements SessionsStore {
  private readonly versionsTable: string;
  private readonly marksTable: string;
  private readonly versionTtlSeconds: number;
  private readonly maxBatchAttempts: number;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoSessionsStoreOptions,
  ) {
    this.versionsTable = options.versionsTable;
    this.marksTable = options.marksTable;
    this.versionTtlSeconds = options.versionTtlSeconds ?? VERSION_TTL_SECONDS;
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
        if (attempt > 1) await this.sleep(backoffMs(attempt));
        const output = await this.documents.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: keys,
                ProjectionExpression:
                  'sessionId, contentHash, firstUpload, lastChangedUpload, createdAt, changes, #day',
                ExpressionAttributeNames: { '#day': 'day' },
                ConsistentRead: true,
              },
            },
          }),
        );
        for (const item of output.Responses?.[this.tableName] ?? []) {
          found.set(String(item.sessionId), storedSessionOf(item));
        }
        keys = (output.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async writeAll(
    writes: readonly SessionWrite[],
    uploadId: string,
    claim: ObjectVersion | undefined,
  ): Promise<TransactionResult> {
    if (writes.length === 0) return { status: 'written' };
    const athlete = writes[0]?.session.athlete;
    if (writes.some((w) => w.session.athlete !== athlete)) {
      throw new RangeError('a transaction writes the sessions of one athlete');
    }
    const marks = marksOf(writes);
    const size = writes.length + marks.size + (claim ? 1 : 0);
    if (size > TRANSACTION_LIMIT) {
      throw new RangeError(
        `at most ${TRANSACTION_LIMIT} items per transaction (got ${writes.length} sessions, ${marks.size} week marks${claim ? ' and the claim' : ''}); split them with transactionGroups`,
      );
    }
    const now = this.now().toISOString();
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = writes.map(
      ({ session, plan }) => ({
        Put: {
          TableName: this.tableName,
          Item: sessionItem(session, uploadId, plan, now),
          ...(plan.write === 'insert'
            ? { ConditionExpression: 'attribute_not_exists(sessionId)' }
            : {
                ConditionExpression: 'contentHash = :expected',
                ExpressionAttributeValues: { ':expected': plan.expectedHash },
              }),
        },
      }),
    );
    if (claim) {
      items.push({
        ConditionCheck: {
          TableName: this.versionsTable,
          Key: { id: objectVersionIdOf(claim.bucket, claim.key) },
          ConditionExpression: 'uploadId = :upload',
          ExpressionAttributeValues: { ':upload': claim.uploadId },
        },
      });
    }
    // After the claim check, so a cancellation's reasons keep their indices.
    for (const [week, days] of marks) {
      items.push({
        Update: {
          TableName: this.marksTable,
          Key: { athlete, week },
          UpdateExpression: 'ADD revision :one, #days :days SET markedAt = :now, lastUpload = :upload',
          ExpressionAttributeNames: { '#days': 'days' },
          ExpressionAttributeValues: { ':one': 1, ':days': days, ':now': now, ':upload': uploadId },
        },
      });
    }
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.transact(items, writes, claim !== undefined);
      if (outcome.status !== 'conflict') return outcome;
      if (attempt >= this.maxBatchAttempts) {
        throw new Error(
          `TransactWriteItems on ${this.tableName} kept conflicting (another transaction or throttling) after ${attempt} attempts`,
        );
      }
      await this.sleep(backoffMs(attempt + 1));
    }
  }

  private async transact(
    items: NonNullable<TransactWriteCommandInput['TransactItems']>,
    writes: readonly SessionWrite[],
    claimed: boolean,
  ): Promise<TransactionResult | { readonly status: 'conflict' }> {
    try {
      await this.documents.send(new TransactWriteCommand({ TransactItems: items }));
      return { status: 'written' };
    } catch (error) {
      if (
        !(
          error instanceof TransactionCanceledException ||
          (error as Error).name === 'TransactionCanceledException'
        )
      ) {
        throw error;
      }
      // One reason per item, in order; the claim check is the item after the writes.
      const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
      if (claimed && reasons[writes.length]?.Code === 'ConditionalCheckFailed')
        return { status: 'superseded' };
      const lost = new Set<string>();
      for (const [index, reason] of reasons.entries()) {
        const write = writes[index];
        if (write && reason.Code === 'ConditionalCheckFailed') lost.add(write.session.id);
      }
      // Otherwise an item was locked by another transaction or the table throttled.
      return lost.size > 0 ? { status: 'lost', lost } : { status: 'conflict' };
    }
  }

  async appliedVersion(bucket: string, key: string): Promise<ObjectVersion | undefined> {
    const output = await this.documents.send(
      new GetCommand({
        TableName: this.versionsTable,
        Key: { id: objectVersionIdOf(bucket, key) },
        ConsistentRead: true,
      }),
    );
    const item = output.Item;
    if (!item) return undefined;
    return {
      bucket,
      key,
      order: String(item.order),
      uploadId: String(item.uploadId),
      versionId: item.versionId === undefined ? undefined : String(item.versionId),
    };
  }

  async claim(version: ObjectVersion): Promise<ObjectVersion | undefined> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.versionsTable,
          Key: { id: objectVersionIdOf(version.bucket, version.key) },
          UpdateExpression:
            'SET objectKey = :key, #order = :order, uploadId = :upload, updatedAt = :now, expiration = :expiration' +
            (version.versionId ? ', versionId = :version' : ' REMOVE versionId'),
          // A later version holds the key unless the recorded order is of another kind
          // (object-order.ts: orders of two kinds are never compared).
          ConditionExpression:
            'attribute_not_exists(#order) OR #order <= :order OR NOT begins_with(#order, :kind)',
          ExpressionAttributeNames: { '#order': 'order' },
          ExpressionAttributeValues: {
            ':key': version.key,
            ':order': version.order,
            ':upload': version.uploadId,
            ':now': this.now().toISOString(),
            ':expiration': Math.floor(this.now().getTime() / 1000) + this.versionTtlSeconds,
            ':kind': orderKindOf(version.order),
            ...(version.versionId ? { ':version': version.versionId } : {}),
          },
        }),
      );
      return undefined;
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error as Error).name === 'ConditionalCheckFailedException'
      ) {
        return (await this.appliedVersion(version.bucket, version.key)) ?? version;
      }
      throw error;
    }
  }
}

/**
 * The whole item a session is stored as. Insert and update build the same item, so after
 * any write the item is what a fresh insert of that session would store, apart from what
 * it remembers of its past: the first upload, when it was created, and its last contents.
 */
function sessionItem(session: Session, uploadId: string, plan: Write, now: string) {
  const previous = plan.write === 'update' ? plan.previous : undefined;
  return {
    athlete: session.athlete,
    sessionId: session.id,
    contentHash: session.contentHash,
    setCount: session.sets.length,
    sessionStart: session.sessionStart,
    ...(session.utcOffset !== undefined && { utcOffset: session.utcOffset }),
    timezone: session.timezone,
    name: session.name,
    source: session.source,
    ...(session.sourceWorkoutId != null && { sourceWorkoutId: session.sourceWorkoutId }),
    // What gold reads instead of the sets (docs/gold.md), bounded in size.
    ...storedDigestOf(session),
    firstUpload: previous?.firstUpload ?? uploadId,
    lastChangedUpload: uploadId,
    changes: plan.changes,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
}

/** What change detection and the week marks need of a stored item. */
const storedSessionOf = (item: Record<string, unknown>): StoredSession => ({
  contentHash: String(item.contentHash),
  firstUpload: String(item.firstUpload),
  lastChangedUpload: String(item.lastChangedUpload),
  createdAt: item.createdAt === undefined ? undefined : String(item.createdAt),
  changes: Array.isArray(item.changes) ? item.changes.map(String) : undefined,
  day: typeof item.day === 'string' ? item.day : undefined,
});

/** Exponential backoff with jitter, capped at 2 s. */
const backoffMs = (attempt: number) => Math.min(2 ** attempt * 25, 2_000) * (0.5 + Math.random() / 2);
