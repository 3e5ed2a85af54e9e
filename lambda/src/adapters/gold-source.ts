/**
 * Reads what gold needs of the stored sessions, never with a scan of the sessions table:
 *
 * - an athlete's digests (sessions-store.ts writes them beside each session): one query on
 *   the athlete's own partition, up to a day, because personal records need every earlier
 *   best; only the digest's attributes are projected;
 * - who trained in a week or on a day: one query on the week index (SESSIONS_WEEK_INDEX),
 *   whose partition is the week and whose sort key starts with the day.
 */
import { type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { type ExerciseSummary, SESSIONS_WEEK_INDEX, type SessionDigest } from '../core/gold/index.js';

/** A stored session whose item holds no complete digest: gold reads it from silver. */
export interface IncompleteSession {
  readonly sessionId: string;
  /** The upload whose silver file holds the session's current content. */
  readonly lastChangedUpload: string;
  readonly reason: 'stored-before-gold' | 'exercises-omitted';
}

export interface GoldSource {
  /**
   * The digests of the athlete's sessions on or before `until` (all when undefined), and
   * the sessions whose item holds none or an incomplete one (summaries too large to store).
   */
  digestsOf(
    athlete: string,
    until: string | undefined,
  ): Promise<{ digests: SessionDigest[]; incomplete: IncompleteSession[] }>;
  /** The athletes with sessions in the ISO week (`2025-W03`), or on one of its days. */
  athletesOf(week: string, day?: string): Promise<string[]>;
}

export class DynamoGoldSource implements GoldSource {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async digestsOf(athlete: string, until: string | undefined) {
    const digests: SessionDigest[] = [];
    const incomplete: IncompleteSession[] = [];
    const pages = paginateQuery(
      { client: this.documents },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'athlete = :athlete',
        // Sessions stored before digests existed have no day: kept, to be reported.
        ...(until !== undefined && { FilterExpression: 'attribute_not_exists(#day) OR #day <= :until' }),
        ProjectionExpression:
          'sessionId, #day, sessionStart, #name, #source, durationS, distanceM, exercises, exercisesOmitted, lastChangedUpload',
        ExpressionAttributeNames: { '#day': 'day', '#name': 'name', '#source': 'source' },
        ExpressionAttributeValues: { ':athlete': athlete, ...(until !== undefined && { ':until': until }) },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const sessionId = String(item.sessionId);
        const lastChangedUpload = String(item.lastChangedUpload);
        if (typeof item.day !== 'string' || !Array.isArray(item.exercises)) {
          const reason = typeof item.day !== 'string' ? 'stored-before-gold' : 'exercises-omitted';
          incomplete.push({ sessionId, lastChangedUpload, reason });
          continue;
        }
        digests.push({
          sessionId,
          day: item.day,
          sessionStart: String(item.sessionStart),
          name: String(item.name),
          source: String(item.source),
          durationS: Number(item.durationS ?? 0),
          distanceM: Number(item.distanceM ?? 0),
          exercises: item.exercises as ExerciseSummary[],
        });
      }
    }
    return { digests, incomplete: incomplete.sort((a, b) => a.sessionId.localeCompare(b.sessionId)) };
  }

  async athletesOf(week: string, day?: string): Promise<string[]> {
    const athletes = new Set<string>();
    const pages = paginateQuery(
      { client: this.documents },
      {
        TableName: this.tableName,
        IndexName: SESSIONS_WEEK_INDEX.name,
        KeyConditionExpression:
          day === undefined ? '#week = :week' : '#week = :week AND begins_with(#sort, :day)',
        ExpressionAttributeNames: {
          '#week': SESSIONS_WEEK_INDEX.partitionKey,
          ...(day !== undefined && { '#sort': SESSIONS_WEEK_INDEX.sortKey }),
        },
        ExpressionAttributeValues: { ':week': week, ...(day !== undefined && { ':day': `${day}#` }) },
        ProjectionExpression: 'athlete',
      },
    );
    for await (const page of pages) for (const item of page.Items ?? []) athletes.add(String(item.athlete));
    return [...athletes].sort();
  }
}
