/**
 * Turns the invocation payload into the uploads to process. Written for AWS's documented
 * S3 event (keys URL-encoded with '+' for space; versionId only on versioned buckets;
 * several records per event), S3's test message, S3's "Object Created" event as
 * EventBridge delivers it, and SQS events whose messages carry S3 notifications (S3 -> SQS
 * -> Lambda). Records that are not ours (other prefixes, other event types) are returned
 * as skipped with the reason, for a log line. Nothing here throws: a payload, a message or
 * a record that can never be read is skipped as 'unreadable' with what is wrong with it,
 * since retrying cannot make it readable.
 */
import * as z from 'zod/mini';
import { EventError } from './errors.js';

export const UPLOADS_PREFIX = 'uploads/';

export interface UploadRef {
  readonly bucket: string;
  /** Decoded object key, as stored in S3. */
  readonly key: string;
  /** The exact object version, when the bucket is versioned. */
  readonly versionId: string | undefined;
  readonly eTag: string;
  readonly size: number;
  /**
   * S3's order of events for one key: hex, the greater value (after right-padding the
   * shorter with zeros) is the later event. Absent when the sender gives none (the emulator).
   */
  readonly sequencer?: string | undefined;
  /** `uploads/<athlete>/...` */
  readonly athlete: string;
}

export interface SkippedRecord {
  readonly reason: 'test-event' | 'not-object-created' | 'outside-uploads' | 'no-athlete' | 'unreadable';
  readonly bucket?: string;
  readonly key?: string;
  /** For an unreadable record: what is wrong with it. */
  readonly detail?: string;
}

export interface ParsedEvent {
  readonly uploads: readonly UploadRef[];
  readonly skipped: readonly SkippedRecord[];
}

/** One message of an SQS event, and what its body holds. */
export interface ParsedMessage extends ParsedEvent {
  /** What a partial batch response names to have SQS deliver the message again. */
  readonly messageId: string;
}

/** What the function was invoked with. */
export type Invocation =
  /** S3 notification, S3's test event, EventBridge, or a payload that can never be read. */
  | ({ readonly source: 'direct' } & ParsedEvent)
  | {
      readonly source: 'sqs';
      readonly messages: readonly ParsedMessage[];
      /** SQS records without a messageId or body: nothing to read, nothing to report. */
      readonly skipped: readonly SkippedRecord[];
    };

const recordSchema = z.object({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string().check(z.minLength(1)) }),
    object: z.object({
      key: z.string().check(z.minLength(1)),
      size: z.optional(z.number().check(z.int(), z.nonnegative())),
      eTag: z.optional(z.string()),
      versionId: z.optional(z.string()),
      sequencer: z.optional(z.string()),
    }),
  }),
});

const eventSchema = z.object({ Records: z.array(z.unknown()).check(z.minLength(1)) });
const testEventSchema = z.object({ Event: z.literal('s3:TestEvent') });

/** What Lambda's SQS event source mapping puts in each record (the fields read here). */
const sqsRecordSchema = z.object({
  eventSource: z.literal('aws:sqs'),
  messageId: z.string().check(z.minLength(1)),
  body: z.string(),
});

/** S3 URL-encodes keys in events: '+' is a space, %XX are UTF-8 bytes. */
export function decodeS3Key(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch (cause) {
    throw new EventError(`S3 object key '${encoded}' is not valid URL encoding`, { cause });
  }
}

/** The athlete is the first path segment under uploads/, e.g. `uploads/ana/2026.csv` -> `ana`. */
export function athleteFromKey(key: string): string | undefined {
  if (!key.startsWith(UPLOADS_PREFIX)) return undefined;
  const rest = key.slice(UPLOADS_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  return rest.slice(0, slash);
}

/**
 * S3 -> EventBridge -> Lambda (setups where several consumers share a bucket's events):
 * one object per event, kebab-case fields, and the key as stored, NOT URL-encoded (a real
 * event's key keeps its `:`; see tests/unit/fixtures/events/README.md).
 */
const eventBridgeSchema = z.object({
  source: z.literal('aws.s3'),
  'detail-type': z.string(),
  detail: z.object({
    bucket: z.object({ name: z.string().check(z.minLength(1)) }),
    object: z.object({
      key: z.string().check(z.minLength(1)),
      size: z.optional(z.number().check(z.int(), z.nonnegative())),
      etag: z.optional(z.string()),
      'version-id': z.optional(z.string()),
      sequencer: z.optional(z.string()),
    }),
  }),
});

function parseEventBridge(event: z.infer<typeof eventBridgeSchema>): ParsedEvent {
  const bucket = event.detail.bucket.name;
  const { key, size, etag } = event.detail.object;
  if (event['detail-type'] !== 'Object Created') {
    return { uploads: [], skipped: [{ reason: 'not-object-created', bucket, key }] };
  }
  const { sequencer } = event.detail.object;
  const upload = uploadOf(bucket, key, event.detail.object['version-id'], etag, size, sequencer);
  return 'reason' in upload ? { uploads: [], skipped: [upload] } : { uploads: [upload], skipped: [] };
}

/** An upload under uploads/<athlete>/, or the reason the object is not one. */
function uploadOf(
  bucket: string,
  key: string,
  versionId: string | undefined,
  eTag: string | undefined,
  size: number | undefined,
  sequencer: string | undefined,
): UploadRef | SkippedRecord {
  if (!key.startsWith(UPLOADS_PREFIX)) return { reason: 'outside-uploads', bucket, key };
  const athlete = athleteFromKey(key);
  if (!athlete) return { reason: 'no-athlete', bucket, key };
  return {
    bucket,
    key,
    versionId: versionId || undefined,
    eTag: (eTag ?? '').replace(/"/g, ''),
    size: size ?? 0,
    sequencer: sequencer || undefined,
    athlete,
  };
}

/**
 * Reads an invocation: an SQS event (every record from 'aws:sqs') message by message, any
 * other payload as S3 sends it directly or through EventBridge.
 */
export function parseInvocation(payload: unknown): Invocation {
  if (!isSqsEvent(payload)) return { source: 'direct', ...parseS3Event(payload) };
  const messages: ParsedMessage[] = [];
  const skipped: SkippedRecord[] = [];
  payload.Records.forEach((raw, index) => {
    const record = sqsRecordSchema.safeParse(raw);
    if (!record.success) {
      skipped.push({
        reason: 'unreadable',
        detail: `record ${index} of the SQS event has no messageId or body`,
      });
      return;
    }
    const { messageId, body } = record.data;
    messages.push({ messageId, ...parseSqsBody(body, `the body of SQS message ${messageId}`) });
  });
  return { source: 'sqs', messages, skipped };
}

function isSqsEvent(payload: unknown): payload is { Records: unknown[] } {
  const records = (payload as { Records?: unknown } | null)?.Records;
  return (
    Array.isArray(records) &&
    records.length > 0 &&
    records.every((r) => (r as { eventSource?: unknown } | null)?.eventSource === 'aws:sqs')
  );
}

/** An SQS body holds what S3 would have sent the function directly, as JSON text. */
function parseSqsBody(body: string, where: string): ParsedEvent {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    // Not the parser's message: it quotes the body.
    return unreadable(`${where} is not JSON (${body.length} characters)`);
  }
  return readS3Payload(payload, where, S3_SHAPES);
}

const S3_SHAPES = "an S3 event notification (Records), S3's test event or an S3 event from EventBridge";

/** A payload as S3 sends it directly or through EventBridge. */
export function parseS3Event(payload: unknown): ParsedEvent {
  return readS3Payload(payload, 'the event', `${S3_SHAPES}, nor an SQS event carrying S3 notifications`);
}

function readS3Payload(payload: unknown, where: string, shapes: string): ParsedEvent {
  if (testEventSchema.safeParse(payload).success) {
    return { uploads: [], skipped: [{ reason: 'test-event' }] };
  }
  const bridged = eventBridgeSchema.safeParse(payload);
  if (bridged.success) return parseEventBridge(bridged.data);
  const event = eventSchema.safeParse(payload);
  if (!event.success) return unreadable(`${where} is none of ${shapes}; it is ${describe(payload)}`);
  const uploads: UploadRef[] = [];
  const skipped: SkippedRecord[] = [];
  event.data.Records.forEach((raw, index) => {
    // A record that can never be read is dropped with its reason (retrying cannot make it
    // readable) and does not stop the event's other records.
    const parsed = recordSchema.safeParse(raw);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') ?? '';
      skipped.push({
        reason: 'unreadable',
        detail: `record ${index} of ${where} is not an S3 record (field '${field}' is missing or wrong)`,
      });
      return;
    }
    const { eventName, s3 } = parsed.data;
    const bucket = s3.bucket.name;
    let key: string;
    try {
      key = decodeS3Key(s3.object.key);
    } catch (error) {
      skipped.push({ reason: 'unreadable', bucket, key: s3.object.key, detail: (error as Error).message });
      return;
    }
    if (!eventName.startsWith('ObjectCreated:')) {
      skipped.push({ reason: 'not-object-created', bucket, key });
      return;
    }
    const { versionId, eTag, size, sequencer } = s3.object;
    const upload = uploadOf(bucket, key, versionId, eTag, size, sequencer);
    if ('reason' in upload) skipped.push(upload);
    else uploads.push(upload);
  });
  return { uploads, skipped };
}

function unreadable(detail: string): ParsedEvent {
  return { uploads: [], skipped: [{ reason: 'unreadable', detail }] };
}

/**
 * What a payload of no known shape looks like, for the operator who wired it: its type, or
 * its field names and an EventBridge event's source and detail-type. Never its values.
 */
function describe(payload: unknown): string {
  if (payload === null) return 'null';
  if (Array.isArray(payload)) return 'an array';
  if (typeof payload !== 'object') return `a ${typeof payload}`;
  const fields = Object.keys(payload);
  if (fields.length === 0) return 'an empty object';
  const { source, 'detail-type': detailType } = payload as Record<string, unknown>;
  const bridged =
    typeof source === 'string' && typeof detailType === 'string'
      ? ` (an EventBridge event from '${source.slice(0, 64)}', '${detailType.slice(0, 128)}')`
      : '';
  const listed = fields.slice(0, 12).map((f) => f.slice(0, 64));
  return `an object with fields ${listed.join(', ')}${fields.length > 12 ? ', ...' : ''}${bridged}`;
}
