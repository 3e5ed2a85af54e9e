import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { athleteFromKey, decodeS3Key, parseInvocation, parseS3Event } from '../../../lambda/src/events.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8'));

describe('reading S3 event notifications', () => {
  it("decodes AWS's URL-encoded key ('+' is a space, %-escapes are UTF-8) and takes the athlete from it", () => {
    const { uploads, skipped } = parseS3Event(fixture('s3-object-created.json'));

    expect(skipped).toEqual([]);
    expect(uploads).toEqual([
      {
        bucket: 'workout-dev-ingest',
        key: 'uploads/zoë/Strong export 2026.csv',
        versionId: '3HL4kqtJlcpXroDTDmjVBH40Nrjfkd',
        eTag: 'b21b84d653bb07b05b1e6b33684dc11b',
        size: 1305107,
        sequencer: '0C0F6F405D6ED209E1',
        athlete: 'zoë',
      },
    ]);
  });

  it('takes every record of an event, and skips keys outside uploads/ with the reason', () => {
    const { uploads, skipped } = parseS3Event(fixture('s3-object-created-multi.json'));

    expect(uploads.map((u) => u.key)).toEqual([
      'uploads/ana/hevy-2026-11-01.csv',
      'uploads/ana/history (2019-2026).jsonl',
    ]);
    expect(skipped).toEqual([
      { reason: 'outside-uploads', bucket: 'workout-dev-unversioned', key: 'exports/not-an-upload.csv' },
    ]);
  });

  it('ignores the test event S3 sends when a notification is configured', () => {
    expect(parseS3Event(fixture('s3-test-event.json'))).toEqual({
      uploads: [],
      skipped: [{ reason: 'test-event' }],
    });
  });

  it('treats versionId as optional (unversioned buckets, the emulator) and keeps the eTag', () => {
    const event = structuredClone(fixture('s3-object-created.json')) as {
      Records: { s3: { object: object } }[];
    };
    const record = event.Records[0] as { s3: { object: Record<string, unknown> } };
    delete record.s3.object.versionId;
    record.s3.object.eTag = '"abc"';

    const [upload] = parseS3Event(event).uploads;

    expect(upload?.versionId).toBeUndefined();
    expect(upload?.eTag).toBe('abc');
  });

  it('skips records that are not ObjectCreated, and uploads with no athlete folder', () => {
    const event = structuredClone(fixture('s3-object-created.json')) as {
      Records: Record<string, unknown>[];
    };
    const base = event.Records[0] as { eventName: string; s3: { object: { key: string } } };
    const removed = structuredClone(base);
    removed.eventName = 'ObjectRemoved:Delete';
    const noAthlete = structuredClone(base);
    noAthlete.s3.object.key = 'uploads/export.csv';

    const { uploads, skipped } = parseS3Event({ Records: [removed, noAthlete] });

    expect(uploads).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual(['not-object-created', 'no-athlete']);
  });

  it('drops a payload of no known shape with what it is, instead of throwing (a retry cannot read it)', () => {
    // Prepare: AWS's EventBridge sample, an EC2 state change (a rule that targets the wrong function).
    const ec2 = fixture('eventbridge-ec2-state-change.json');

    // Act
    const results = [ec2, { Records: [] }, 'Test message.', null].map((payload) => parseS3Event(payload));

    // Assess
    expect(results.map((r) => r.uploads)).toEqual([[], [], [], []]);
    expect(results.map((r) => r.skipped.map((s) => s.reason))).toEqual([
      ['unreadable'],
      ['unreadable'],
      ['unreadable'],
      ['unreadable'],
    ]);
    expect(results[0]?.skipped[0]?.detail).toBe(
      "the event is none of an S3 event notification (Records), S3's test event or an S3 event from EventBridge, nor an SQS event carrying S3 notifications; it is an object with fields version, id, detail-type, source, account, time, region, resources, detail, replay-name (an EventBridge event from 'aws.ec2', 'EC2 Instance State-change Notification')",
    );
    expect(results.slice(1).map((r) => r.skipped[0]?.detail?.split('; it is ')[1])).toEqual([
      'an object with fields Records',
      'a string',
      'null',
    ]);
  });

  it('drops an unreadable record with its reason and still takes the other records of the event', () => {
    // Prepare: AWS's sample record, one with a bad %-escape, and one that is not S3's.
    const event = fixture('s3-object-created.json') as { Records: { s3: { object: { key: string } } }[] };
    const [good] = event.Records;
    const badEscape = structuredClone(good);
    if (badEscape) badEscape.s3.object.key = 'uploads/ana/%E0%A4%A.csv';

    // Act
    const { uploads, skipped } = parseS3Event({ Records: [badEscape, { eventSource: 'aws:sqs' }, good] });

    // Assess
    expect(uploads).toHaveLength(1);
    expect(skipped).toEqual([
      expect.objectContaining({
        reason: 'unreadable',
        detail: expect.stringMatching(/not valid URL encoding/),
      }),
      expect.objectContaining({
        reason: 'unreadable',
        detail: expect.stringMatching(/record 1 .*eventSource/),
      }),
    ]);
  });

  it('rejects a key that is not valid URL encoding', () => {
    expect(() => decodeS3Key('uploads/ana/%E0%A4%A.csv')).toThrow(/not valid URL encoding/);
  });

  it('finds the athlete only in uploads/<athlete>/<file>', () => {
    expect(athleteFromKey('uploads/ana/2026/export.csv')).toBe('ana');
    expect(athleteFromKey('uploads//x.csv')).toBeUndefined();
    expect(athleteFromKey('uploads/ana/')).toBeUndefined();
    expect(athleteFromKey('other/ana/x.csv')).toBeUndefined();
  });

  it('reads an S3 Object Created event from EventBridge, whose key is not URL-encoded', () => {
    // Act
    const { uploads, skipped } = parseS3Event(fixture('eventbridge-object-created.json'));

    // Assess
    expect(skipped).toEqual([]);
    expect(uploads).toEqual([
      {
        bucket: 'mxcd-magic-star-691-in',
        key: 'uploads/zoë/Strong export 2023-08-08T14:03:40.csv',
        versionId: 'uhggCJ2_B6gU2JaXWXebnXFDstO0ID6G',
        eTag: '4af981f98d22a0b9979da24b259e5e42-12',
        size: 198524144,
        sequencer: '0064D3901D00059242',
        athlete: 'zoë',
      },
    ]);
  });

  it('skips an EventBridge S3 event that is not Object Created, or outside uploads/', () => {
    // Prepare
    const created = fixture('eventbridge-object-created.json') as {
      'detail-type': string;
      detail: { object: { key: string } };
    };
    const deleted = structuredClone(created);
    deleted['detail-type'] = 'Object Deleted';
    const elsewhere = structuredClone(created);
    elsewhere.detail.object.key = 'raw/x.csv';

    // Act
    const results = [parseS3Event(deleted), parseS3Event(elsewhere)];

    // Assess
    expect(results.map((r) => [r.uploads.length, r.skipped[0]?.reason])).toEqual([
      [0, 'not-object-created'],
      [0, 'outside-uploads'],
    ]);
  });
});

describe('reading SQS events whose messages carry S3 notifications (S3 -> SQS -> Lambda)', () => {
  const sqsEvent = (name: string) => fixture(name) as { Records: Record<string, unknown>[] };

  it('reads the S3 notification in a message body as S3 sends it, under the messageId', () => {
    // Act
    const invocation = parseInvocation(fixture('sqs-s3-object-created.json'));

    // Assess
    expect(invocation).toEqual({
      source: 'sqs',
      skipped: [],
      messages: [
        {
          messageId: 'ca3e7a89-c358-40e5-8aa0-5da01403c267',
          skipped: [],
          uploads: [
            {
              bucket: 'xxx',
              key: 'uploads/ana/Strong export 2023-04-12.csv',
              versionId: 'yd3d4HaWOT2zguDLvIQLU6ptDTwKBnQV',
              eTag: '2e3ad1e983318bbd8e73b080e2997980',
              size: 104681,
              sequencer: '00643717F9F8B85354',
              athlete: 'ana',
            },
          ],
        },
      ],
    });
  });

  it('skips the test event S3 sends to the queue when the notification is saved', () => {
    expect(parseInvocation(fixture('sqs-s3-test-event.json'))).toEqual({
      source: 'sqs',
      skipped: [],
      messages: [
        {
          messageId: '4227a528-e786-46a7-8906-0c6a9260ebc0',
          uploads: [],
          skipped: [{ reason: 'test-event' }],
        },
      ],
    });
  });

  it('drops a message whose body is not JSON or not an S3 event, with its messageId, and reads the others', () => {
    // Prepare: AWS's sample SQS event (bodies "Test message." and a JSON that is not S3's),
    // then a message with an S3 notification.
    const [notification] = sqsEvent('sqs-s3-object-created.json').Records;
    const event = { Records: [...sqsEvent('sqs-not-s3.json').Records, notification] };

    // Act
    const invocation = parseInvocation(event);

    // Assess
    if (invocation.source !== 'sqs') throw new Error('expected an SQS invocation');
    expect(invocation.messages.map((m) => [m.messageId, m.uploads.length, m.skipped])).toEqual([
      [
        '059f36b4-87a3-44ab-83d2-661975830a7d',
        0,
        [
          {
            reason: 'unreadable',
            detail:
              'the body of SQS message 059f36b4-87a3-44ab-83d2-661975830a7d is not JSON (13 characters)',
          },
        ],
      ],
      [
        '2e1424d4-f796-459a-8184-9c92662be6da',
        0,
        [
          {
            reason: 'unreadable',
            detail:
              "the body of SQS message 2e1424d4-f796-459a-8184-9c92662be6da is none of an S3 event notification (Records), S3's test event or an S3 event from EventBridge; it is an object with fields message",
          },
        ],
      ],
      ['ca3e7a89-c358-40e5-8aa0-5da01403c267', 1, []],
    ]);
  });

  it("drops a record in a message's notification that is not S3's, naming the message", () => {
    // Prepare
    const [message] = sqsEvent('sqs-s3-object-created.json').Records;
    const body = JSON.parse(String(message?.body)) as { Records: unknown[] };
    body.Records.unshift({ eventSource: 'aws:sns' });
    const event = { Records: [{ ...message, body: JSON.stringify(body) }] };

    // Act
    const invocation = parseInvocation(event);

    // Assess
    if (invocation.source !== 'sqs') throw new Error('expected an SQS invocation');
    expect(invocation.messages[0]?.uploads).toHaveLength(1);
    expect(invocation.messages[0]?.skipped).toEqual([
      {
        reason: 'unreadable',
        detail:
          "record 0 of the body of SQS message ca3e7a89-c358-40e5-8aa0-5da01403c267 is not an S3 record (field 'eventSource' is missing or wrong)",
      },
    ]);
  });

  it('drops an SQS record without a messageId at the event level: there is no message to name', () => {
    const [message] = sqsEvent('sqs-s3-object-created.json').Records;
    const { messageId: _, ...nameless } = message ?? {};

    expect(parseInvocation({ Records: [nameless, message] })).toMatchObject({
      source: 'sqs',
      skipped: [{ reason: 'unreadable', detail: 'record 0 of the SQS event has no messageId or body' }],
      messages: [{ messageId: 'ca3e7a89-c358-40e5-8aa0-5da01403c267' }],
    });
  });

  it('reads every other payload as S3 sends it directly, or through EventBridge', () => {
    expect(parseInvocation(fixture('s3-object-created.json'))).toMatchObject({
      source: 'direct',
      uploads: [{ key: 'uploads/zoë/Strong export 2026.csv' }],
    });
    expect(parseInvocation(fixture('eventbridge-object-created.json'))).toMatchObject({
      source: 'direct',
      uploads: [{ athlete: 'zoë' }],
    });
    // The records of an S3 event are not SQS messages, even when one says it is.
    expect(
      parseInvocation({
        Records: [{ eventSource: 'aws:sqs' }, ...sqsEvent('s3-object-created.json').Records],
      }),
    ).toMatchObject({ source: 'direct', uploads: [{ athlete: 'zoë' }], skipped: [{ reason: 'unreadable' }] });
  });
});
