/**
 * Reads what gold needs of an athlete's stored sessions: their digests (sessions-store.ts
 * writes them beside each session), up to a day. One query on the athlete's own partition,
 * never a scan: personal records need every earlier best, so the whole history up to the
 * day is what is read, in pages, with only the digest's attributes projected.
 */
import { type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { ExerciseSummary, SessionDigest } from '../core/gold/index.js';

export interface GoldSource {
  /** The digests of the athlete's sessions on or before `until`, and those stored without one. */
  digestsOf(athlete: string, until: string): Promise<{ digests: SessionDigest[]; withoutDigest: string[] }>;
}

export class DynamoGoldSource implements GoldSource {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async digestsOf(athlete: string, until: string) {
    const digests: SessionDigest[] = [];
    const withoutDigest: string[] = [];
    const pages = paginateQuery(
      { client: this.documents },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'athlete = :athlete',
        // Sessions stored before digests existed have no day: kept, to be reported.
        FilterExpression: 'attribute_not_exists(#day) OR #day <= :until',
        ProjectionExpression:
          'sessionId, #day, sessionStart, #name, #source, durationS, distanceM, exercises, exercisesOmitted',
        ExpressionAttributeNames: { '#day': 'day', '#name': 'name', '#source': 'source' },
        ExpressionAttributeValues: { ':athlete': athlete, ':until': until },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        if (typeof item.day !== 'string' || !Array.isArray(item.exercises)) {
          withoutDigest.push(String(item.sessionId));
          continue;
        }
        digests.push({
          sessionId: String(item.sessionId),
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
    return { digests, withoutDigest: withoutDigest.sort() };
  }
}
