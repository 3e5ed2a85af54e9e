/**
 * Stored workouts never go backwards: an event for an older version of a key, delivered
 * after a newer one, changes nothing (S3's sequencer, else the version's LastModified), and
 * an older export uploaded after a newer one leaves each session it had before as stored.
 */
import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UploadReport } from '../../../lambda/src/core/upload-report.js';
import { MONDAY, type StrongWorkout, strongExport, WEDNESDAY } from './exports.js';
import { createPipelineFixture, type PipelineFixture } from './pipeline-fixture.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// Monday as the athlete edited it later in the app: one more set.
const EDITED_MONDAY: StrongWorkout = {
  ...MONDAY,
  sets: [...MONDAY.sets, { exercise: 'Overhead Press (Barbell)', order: 2, kg: 40, reps: 6 }],
};
const OLDER = strongExport([MONDAY]);
const NEWER = strongExport([EDITED_MONDAY, WEDNESDAY]);
const KEY = 'uploads/ana/strong.csv';

interface S3EventShape {
  Records: { s3: { object: { versionId?: string; sequencer?: string } } }[];
}

/** Uploads a version of the key and returns its event as AWS sends it: with versionId and, if given, sequencer. */
async function uploadVersion(p: PipelineFixture, body: string, sequencer?: string): Promise<S3EventShape> {
  const event = (await p.uploadAndReceiveEvent(KEY, body)) as S3EventShape;
  const { Versions = [] } = await p.clients.s3.send(
    new ListObjectVersionsCommand({ Bucket: p.pipeline.names.buckets.ingest, Prefix: KEY }),
  );
  const latest = Versions.find((v) => v.IsLatest);
  const object = (event.Records[0] as S3EventShape['Records'][number]).s3.object;
  // moto sends neither (tests/integration/setup/emulator-differences.ts); AWS sends both.
  object.versionId = latest?.VersionId;
  if (sequencer) object.sequencer = sequencer;
  return event;
}

const contentOf = (items: Record<string, unknown>[]) =>
  items.map(({ sessionId, contentHash, setCount }) => ({ sessionId, contentHash, setCount }));

async function applyNewerThenOlder(sequencers: [string, string] | undefined) {
  const p = await createPipelineFixture();
  const older = await uploadVersion(p, OLDER, sequencers?.[0]);
  // LastModified has one-second precision: the fallback needs the versions a second apart.
  if (!sequencers) await new Promise((resolve) => setTimeout(resolve, 1_100));
  const newer = await uploadVersion(p, NEWER, sequencers?.[1]);
  const appliedNewer = await p.invoke(newer);
  const afterNewer = contentOf(await p.storedSessions('ana'));
  const lateOlder = await p.invoke(older);
  return { p, appliedNewer, afterNewer, lateOlder, newer };
}

describe('versions of one key apply in S3 order', () => {
  for (const [by, sequencers] of [
    ['its sequencer', ['0055AED6DCD90281E5', '0055AED6DCD90281E6']],
    ["the version's LastModified (no sequencer, as in the emulator)", undefined],
  ] as const) {
    it(`an older version delivered after a newer one changes nothing and says so, by ${by}`, async () => {
      const { p, appliedNewer, afterNewer, lateOlder, newer } = await applyNewerThenOlder(
        sequencers && [...sequencers],
      );

      expect(appliedNewer.uploads[0]).toMatchObject({ status: 'ok', counts: { newSessions: 2 } });
      expect(lateOlder.uploads[0]).toMatchObject({
        status: 'superseded',
        counts: { newSessions: 0, updatedSessions: 0, staleSessions: 0 },
      });
      expect(contentOf(await p.storedSessions('ana'))).toEqual(afterNewer);
      const report = await p.readJson<UploadReport>(lateOlder.uploads[0]?.reportKey ?? '');
      expect(report.supersededBy).toEqual({
        uploadId: appliedNewer.uploads[0]?.uploadId,
        versionId: newer.Records[0]?.s3.object.versionId,
      });
      expect(report.outputs.silver).toBeNull();
      const [, summary] = await p.summaries(2);
      expect(summary?.subject).toBe('Workout upload (ana): Older version, not applied: strong.csv');
      expect(summary?.message).toMatch(/a newer version of uploads\/ana\/strong\.csv was applied first/);
    });
  }

  it('versions delivered in order both apply: the newer one updates what the older stored', async () => {
    const p = await createPipelineFixture();
    const older = await uploadVersion(p, OLDER, '0055AED6DCD90281E5');
    const newer = await uploadVersion(p, NEWER, '0055AED6DCD90281E6');

    const first = await p.invoke(older);
    const second = await p.invoke(newer);

    expect(first.uploads[0]).toMatchObject({ status: 'ok', counts: { newSessions: 1 } });
    expect(second.uploads[0]).toMatchObject({ status: 'ok', counts: { newSessions: 1, updatedSessions: 1 } });
    expect((await p.storedSessions('ana')).map((s) => s.setCount).sort()).toEqual([2, 4]);
  });

  it('an older version overtaken while it writes stops at its next write, and the newer content stays', async () => {
    const p = await createPipelineFixture();
    const older = await uploadVersion(p, OLDER, '0055AED6DCD90281E5');
    const newer = await uploadVersion(p, NEWER, '0055AED6DCD90281E6');
    let overtaken = false;
    let newerResult: Awaited<ReturnType<PipelineFixture['invoke']>> | undefined;
    server.use(
      http.post(/.*/, async ({ request }) => {
        if (request.headers.get('x-amz-target') !== 'DynamoDB_20120810.TransactWriteItems' || overtaken) {
          return passthrough();
        }
        overtaken = true;
        // The newer version's event is processed while the older one is about to write.
        newerResult = await p.invoke(newer);
        return passthrough();
      }),
    );

    const olderResult = await p.invoke(older);

    expect(overtaken).toBe(true);
    expect(newerResult?.uploads[0]).toMatchObject({ status: 'ok', counts: { newSessions: 2 } });
    expect(olderResult.uploads[0]).toMatchObject({ status: 'superseded', counts: { newSessions: 0 } });
    const stored = await p.storedSessions('ana');
    expect(stored.map((s) => s.setCount).sort()).toEqual([2, 4]);
    expect(new Set(stored.map((s) => s.lastChangedUpload))).toEqual(
      new Set([newerResult?.uploads[0]?.uploadId]),
    );
  });
});

describe('an older export uploaded after a newer one', () => {
  it('leaves each session it had before as stored, and counts it stale in report and summary', async () => {
    const p = await createPipelineFixture();
    await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/2026-10-06.csv', OLDER));
    const edited = await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/2026-10-08.csv', NEWER));
    const afterEdit = await p.storedSessions('ana');

    const old = await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/found-on-laptop.csv', OLDER));

    expect(edited.uploads[0]?.counts).toMatchObject({ newSessions: 1, updatedSessions: 1 });
    expect(old.uploads[0]).toMatchObject({
      status: 'ok',
      counts: { sessions: 1, newSessions: 0, updatedSessions: 0, unchangedSessions: 0, staleSessions: 1 },
    });
    expect(await p.storedSessions('ana')).toEqual(afterEdit);
    const report = await p.readJson<UploadReport>(old.uploads[0]?.reportKey ?? '');
    // Silver holds what an upload stored; this one stored nothing.
    expect(report.outputs.silver).toBeNull();
    const summaries = await p.summaries(3);
    expect(summaries[2]?.message).toMatch(/1 workout is older than the stored one and was left as it is/);
    expect(summaries[2]?.attributes.staleSessions).toBe('1');
  });
});

describe('getting an earlier version of a session back', () => {
  it("restores a session from an earlier upload's silver line, uploaded with restore=true", async () => {
    const p = await createPipelineFixture();
    const first = await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/2026-10-06.csv', OLDER));
    await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/2026-10-08.csv', NEWER));
    const firstReport = await p.readJson<UploadReport>(first.uploads[0]?.reportKey ?? '');
    const silverLine = (await p.readText(firstReport.outputs.silver ?? '')).trim();

    const restored = await p.invoke(
      await p.uploadAndReceiveEvent('uploads/ana/restore-monday.jsonl', `${silverLine}\n`, {
        restore: 'true',
      }),
    );

    expect(restored.uploads[0]).toMatchObject({
      status: 'ok',
      counts: { sessions: 1, updatedSessions: 1, staleSessions: 0 },
    });
    const monday = (await p.storedSessions('ana')).find((s) => s.sessionId === JSON.parse(silverLine).id);
    expect(monday?.contentHash).toBe(JSON.parse(silverLine).contentHash);
    expect(monday?.setCount).toBe(MONDAY.sets.length);
  });

  it('rejects restore metadata that is neither true nor false, storing nothing', async () => {
    const p = await createPipelineFixture();
    const result = await p.invoke(
      await p.uploadAndReceiveEvent('uploads/ana/x.csv', OLDER, { restore: 'yes please' }),
    );

    expect(result.uploads[0]?.status).toBe('rejected');
    const report = await p.readJson<UploadReport>(result.uploads[0]?.reportKey ?? '');
    expect(report.rejection?.code).toBe('INVALID_RESTORE_METADATA');
    expect(report.rejection?.message).toMatch(/restore metadata 'yes please' is neither true nor false/);
    expect(await p.storedSessions('ana')).toEqual([]);
  });
});
