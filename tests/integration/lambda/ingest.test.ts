import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { UploadReport } from '../../../lambda/src/core/upload-report.js';
import { FRIDAY, MONDAY, strongExport, WEDNESDAY } from './exports.js';
import { createPipelineFixture } from './pipeline-fixture.js';

describe('the Lambda on an S3 upload (emulator)', () => {
  it('stores every session of a first upload as new and writes silver, report and one summary', async () => {
    // Prepare
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', strongExport([MONDAY, WEDNESDAY]));

    // Act
    const result = await p.invoke(event);

    // Assess
    const [outcome] = result.uploads;
    expect(outcome?.status).toBe('ok');
    expect(outcome?.counts).toMatchObject({
      sessions: 2,
      newSessions: 2,
      updatedSessions: 0,
      sets: 5,
      rejectedRows: 0,
    });
    const stored = await p.storedSessions('ana');
    expect(stored).toHaveLength(2);
    expect(stored.map((s) => s.name).sort()).toEqual(['Pull Day', 'Push Day']);
    expect(stored.every((s) => s.firstUpload === outcome?.uploadId)).toBe(true);
    const report = await p.readJson<UploadReport>(outcome?.reportKey ?? '');
    expect(report).toMatchObject({ status: 'ok', format: 'strong', athlete: 'ana' });
    expect(report.newSessions.map((s) => s.name)).toEqual(expect.arrayContaining(['Push Day', 'Pull Day']));
    const silver = (await p.readText(report.outputs.silver ?? '')).trim().split('\n');
    expect(silver).toHaveLength(2);
    expect(JSON.parse(silver[0] ?? '{}')).toHaveProperty('sets');
    const summaries = await p.summaries(2);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.subject).toBe('Workout upload (ana): 2 new workouts, 0 updated, 0 rows rejected');
    expect(summaries[0]?.attributes).toMatchObject({ status: 'ok', newSessions: '2', sets: '5' });
    expect(summaries[0]?.message).toContain('Push Day');
  });

  it('counts a re-upload of the same export as 0 new and unchanged', async () => {
    const p = await createPipelineFixture();
    const csv = strongExport([MONDAY, WEDNESDAY]);
    await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/strong.csv', csv));
    await p.summaries(1);

    const result = await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/strong-again.csv', csv));

    expect(result.uploads[0]?.counts).toMatchObject({
      newSessions: 0,
      updatedSessions: 0,
      unchangedSessions: 2,
    });
    expect(await p.storedSessions('ana')).toHaveLength(2);
    const [summary] = await p.summaries(1);
    expect(summary?.attributes.newSessions).toBe('0');
    expect(await p.listProcessed('silver/')).toHaveLength(1);
  });

  it('finds only the new sessions new, and edited ones updated, in a later cumulative export', async () => {
    const p = await createPipelineFixture();
    await p.invoke(
      await p.uploadAndReceiveEvent('uploads/ana/october-1.csv', strongExport([MONDAY, WEDNESDAY])),
    );
    const editedWednesday = {
      ...WEDNESDAY,
      sets: [...WEDNESDAY.sets, { exercise: 'Row', order: 1, kg: 50, reps: 12 }],
    };

    const result = await p.invoke(
      await p.uploadAndReceiveEvent(
        'uploads/ana/october-2.csv',
        strongExport([MONDAY, editedWednesday, FRIDAY]),
      ),
    );

    expect(result.uploads[0]?.counts).toMatchObject({
      newSessions: 1,
      updatedSessions: 1,
      unchangedSessions: 1,
    });
    const stored = await p.storedSessions('ana');
    expect(stored).toHaveLength(3);
    const pullDay = stored.find((s) => s.name === 'Pull Day');
    expect(pullDay?.setCount).toBe(3);
    // What gold reads instead of the sets (docs/gold.md): the local day, its ISO week and,
    // per exercise, working sets, reps, volume and the best set (Epley e1RM).
    expect(pullDay).toMatchObject({ day: '2026-10-07', week: '2026-W41', durationS: 3900 });
    type Listed = { L: { M: Record<string, { S?: string; N?: string }> }[] };
    const exercises = (pullDay?.exercises as Listed | undefined)?.L ?? [];
    expect(
      exercises
        .map((e) => [e.M.exercise?.S, Number(e.M.sets?.N), Number(e.M.reps?.N), Number(e.M.volumeKg?.N)])
        .sort(),
    ).toEqual([
      ['Deadlift (Barbell)', 1, 5, 600],
      ['Pull Up', 1, 10, 0],
      ['Row', 1, 12, 600],
    ]);
  });

  it('publishes one summary when the same event is delivered twice, also at the same time', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent(
      'uploads/ana/strong.csv',
      strongExport([MONDAY, WEDNESDAY, FRIDAY]),
    );

    const concurrent = await Promise.allSettled([p.invoke(event), p.invoke(event)]);
    // A delivery that met the other one in progress fails, so Lambda retries it later.
    for (const attempt of concurrent) {
      if (attempt.status === 'rejected')
        expect(String(attempt.reason)).toMatch(/already in progress|AlreadyInProgress/i);
    }
    const retried = await p.invoke(event);

    expect(concurrent.some((a) => a.status === 'fulfilled')).toBe(true);
    expect(retried.uploads[0]?.counts).toMatchObject({ newSessions: 3 });
    expect(await p.summaries(2)).toHaveLength(1);
    expect(await p.storedSessions('ana')).toHaveLength(3);
  });

  it('counts each session as new once when two overlapping exports are processed at the same time', async () => {
    const p = await createPipelineFixture();
    const first = await p.uploadAndReceiveEvent('uploads/ana/a.csv', strongExport([MONDAY, WEDNESDAY]));
    const second = await p.uploadAndReceiveEvent('uploads/ana/b.csv', strongExport([WEDNESDAY, FRIDAY]));

    const [a, b] = await Promise.all([p.invoke(first), p.invoke(second)]);

    const newTotal = (a.uploads[0]?.counts?.newSessions ?? 0) + (b.uploads[0]?.counts?.newSessions ?? 0);
    expect(newTotal).toBe(3);
    expect(await p.storedSessions('ana')).toHaveLength(3);
    expect(await p.summaries(3)).toHaveLength(2);
  });

  it('reports an unknown format as rejected, publishes why, stores nothing and succeeds', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent(
      'uploads/ana/bank.csv',
      'Date,Payee,Amount\n2026-01-01,Shop,12.50\n',
    );

    const result = await p.invoke(event);

    expect(result.uploads[0]?.status).toBe('rejected');
    const report = await p.readJson<UploadReport>(result.uploads[0]?.reportKey ?? '');
    expect(report.rejection?.code).toBe('UNKNOWN_FORMAT');
    expect(report.rejection?.message).toMatch(/strong/i);
    expect(await p.storedSessions('ana')).toHaveLength(0);
    const [summary] = await p.summaries(1);
    expect(summary?.subject).toBe('Workout upload (ana): File rejected: bank.csv');
    expect(summary?.attributes).toMatchObject({ status: 'rejected', rejectionCode: 'UNKNOWN_FORMAT' });
  });

  it('reads a key with spaces and unicode, and takes the athlete from it', async () => {
    const p = await createPipelineFixture();
    const key = 'uploads/zoë müller/Strong export (Oct 2026).csv';

    const result = await p.invoke(await p.uploadAndReceiveEvent(key, strongExport([MONDAY])));

    expect(result.uploads[0]).toMatchObject({ key, status: 'ok' });
    expect(await p.storedSessions('zoë müller')).toHaveLength(1);
    const [summary] = await p.summaries(1);
    expect(summary?.subject).toBe('Workout upload (zoe muller): 1 new workout, 0 updated, 0 rows rejected');
    expect(summary?.message).toContain('Strong export (Oct 2026).csv');
  });

  it('writes rejected rows with line and reason and keeps the good rows', async () => {
    const p = await createPipelineFixture();
    const csv = strongExport([MONDAY, WEDNESDAY]).replace(';8;;;;;;;1h 5m\n', ';eight;;;;;;;1h 5m\n');

    const result = await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/with-typo.csv', csv));

    expect(result.uploads[0]?.counts).toMatchObject({ rejectedRows: 1, newSessions: 2 });
    const report = await p.readJson<UploadReport>(result.uploads[0]?.reportKey ?? '');
    expect(report.outputs.rejects).toMatch(/^rejected\/ana\/u-[0-9a-f]{24}\.csv$/);
    const rejects = await p.readText(report.outputs.rejects ?? '');
    expect(rejects.split('\r\n')[0]).toBe('line,code,reason');
    expect(rejects).toMatch(/^3,\w+,line 3: reps 'eight'/m);
  });

  it('ignores S3 test events and objects outside uploads/', async () => {
    const p = await createPipelineFixture();

    const result = await p.invoke({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'x' });

    expect(result).toEqual({ uploads: [], skipped: 1 });
    expect(await p.summaries(1, 1_500)).toHaveLength(0);
  });

  it("keeps local times with the timezone from the object's metadata", async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/berlin.csv', strongExport([MONDAY]), {
      timezone: 'Europe/Berlin',
    });

    const result = await p.invoke(event);

    expect(result.uploads[0]?.status).toBe('ok');
    const [stored] = await p.storedSessions('ana');
    expect(stored).toMatchObject({ sessionStart: '2026-10-05T18:00:00', timezone: 'Europe/Berlin' });
  });

  it('rejects an upload whose timezone metadata is not a zone, saying how to fix it, and stores nothing', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/mars.csv', strongExport([MONDAY]), {
      timezone: 'Mars/Olympus_Mons',
    });

    const result = await p.invoke(event);

    expect(result.uploads[0]?.status).toBe('rejected');
    const report = await p.readJson<UploadReport>(result.uploads[0]?.reportKey ?? '');
    expect(report.rejection?.code).toBe('INVALID_TIMEZONE');
    expect(report.rejection?.message).toMatch(
      /'Mars\/Olympus_Mons' is not an IANA timezone.*x-amz-meta-timezone/,
    );
    expect(await p.storedSessions('ana')).toHaveLength(0);
    const [summary] = await p.summaries(1);
    expect(summary?.attributes).toMatchObject({ status: 'rejected', rejectionCode: 'INVALID_TIMEZONE' });
  });

  it("reads a unitless Strong weight in the units the object's metadata names, and says so in report and summary", async () => {
    // Prepare: an older Strong export (unitless Weight) from an account set to pounds.
    const p = await createPipelineFixture();
    const csv =
      'Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds\n2026-10-05 18:00:00,Legs,Squat,1,225,5,0,0\n';
    const event = await p.uploadAndReceiveEvent('uploads/ana/old-strong.csv', csv, { 'weight-unit': 'lbs' });

    // Act
    const result = await p.invoke(event);

    // Assess
    const report = await p.readJson<UploadReport>(result.uploads[0]?.reportKey ?? '');
    expect(report.assumedUnits).toEqual([
      { quantity: 'weight', unit: 'lbs', from: 'object metadata' },
      { quantity: 'distance', unit: 'km', from: 'default' },
    ]);
    const silver = JSON.parse((await p.readText(report.outputs.silver ?? '')).trim());
    expect(silver.sets[0]).toMatchObject({ exercise: 'Squat', weightKg: 102.058283, reps: 5 });
    const [summary] = await p.summaries(1);
    expect(summary?.message).toContain('Units:      weights as lbs, distances as km (the file does not say');
  });

  it('rejects an upload whose unit metadata names no unit, saying which values it takes', async () => {
    // Prepare
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/stone.csv', strongExport([MONDAY]), {
      'weight-unit': 'stone',
    });

    // Act
    const result = await p.invoke(event);

    // Assess
    const report = await p.readJson<UploadReport>(result.uploads[0]?.reportKey ?? '');
    expect(report.rejection?.code).toBe('INVALID_UNIT_METADATA');
    expect(report.rejection?.message).toMatch(
      /weight-unit metadata 'stone' is not one of kg, lbs.*x-amz-meta-weight-unit/,
    );
    expect(await p.storedSessions('ana')).toHaveLength(0);
  });

  it('leaves an updated session stored exactly as a fresh insert of it would be, field by field', async () => {
    // Prepare: ana uploads in UTC, then again with Berlin time; bea uploads with Berlin time once.
    const p = await createPipelineFixture();
    const csv = strongExport([MONDAY]);
    const first = await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/first.csv', csv));
    const berlin = { timezone: 'Europe/Berlin' };
    const again = await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/again.csv', csv, berlin));
    await p.invoke(await p.uploadAndReceiveEvent('uploads/bea/once.csv', csv, berlin));

    // Act
    const [updated] = await p.storedSessions('ana');
    const [inserted] = await p.storedSessions('bea');

    // Assess
    const againReport = await p.readJson<UploadReport>(again.uploads[0]?.reportKey ?? '');
    expect(againReport.counts).toMatchObject({ updatedSessions: 1, newSessions: 0 });
    // The athlete is part of the id, the content hash and the week index's key; everything
    // else must be equal.
    const content = (item: Record<string, unknown> | undefined) => {
      const {
        athlete,
        sessionId,
        weekIndexKey,
        contentHash,
        firstUpload,
        lastChangedUpload,
        createdAt,
        updatedAt,
        changes,
        ...rest
      } = item ?? {};
      return rest;
    };
    expect(content(updated)).toEqual(content(inserted));
    // What the item remembers of its past: both contents, by the uploads that stored them.
    const firstReport = await p.readJson<UploadReport>(first.uploads[0]?.reportKey ?? '');
    const [firstSilver] = (await p.readText(firstReport.outputs.silver ?? '')).trim().split('\n');
    const firstHash = String(JSON.parse(firstSilver ?? '{}').contentHash);
    expect(firstHash).not.toBe(updated?.contentHash);
    expect(updated?.firstUpload).toBe(firstReport.uploadId);
    expect((updated?.changes as { L?: { S: string }[] } | undefined)?.L?.map((v) => v.S)).toEqual([
      `${firstReport.uploadId}:${firstHash.slice(0, 16)}`,
      `${againReport.uploadId}:${String(updated?.contentHash).slice(0, 16)}`,
    ]);
    expect(updated).toMatchObject({ timezone: 'Europe/Berlin', source: 'strong', setCount: 3 });
    const [silver] = (await p.readText(againReport.outputs.silver ?? '')).trim().split('\n');
    expect(updated?.contentHash).toBe(JSON.parse(silver ?? '{}').contentHash);
    expect(updated?.lastChangedUpload).toBe(againReport.uploadId);
  });

  it('removes an attribute the new content no longer has when a session is updated', async () => {
    // Prepare: a Fitbod workout first with an explicit offset, then the same one without.
    const p = await createPipelineFixture();
    const header =
      'Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier';
    const at = (date: string) => `${header}\n${date},Pull Up, 8,0.0,0.0,0.0,0.0,0.0,false,, 1.0\n`;
    await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/with.csv', at('2024-07-03 09:47:20 +0000')));
    const [before] = await p.storedSessions('ana');

    // Act
    await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/without.csv', at('2024-07-03 09:47:20')));

    // Assess
    const [after] = await p.storedSessions('ana');
    expect(before?.utcOffset).toBe('+00:00');
    expect(after?.sessionId).toBe(before?.sessionId);
    expect(after).not.toHaveProperty('utcOffset');
  });

  it('rejects an upload larger than one invocation finishes before reading it, storing nothing', async () => {
    // A function whose MAX_UPLOAD_BYTES (from its memory and timeout) is below this file.
    const p = await createPipelineFixture({ MAX_UPLOAD_BYTES: '300' });
    const csv = strongExport([MONDAY]);

    const result = await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/years.csv', csv));

    expect(result.uploads[0]?.status).toBe('rejected');
    const report = await p.readJson<UploadReport>(result.uploads[0]?.reportKey ?? '');
    expect(report.rejection?.code).toBe('TOO_LARGE_FOR_ONE_INVOCATION');
    expect(report.rejection?.message).toMatch(
      /^The file is 0\.0 MB, more than the 0\.0 MB this function finishes in one invocation .*Split the export into smaller files/,
    );
    expect(report.counts.rows).toBe(0);
    expect(await p.storedSessions('ana')).toEqual([]);
    const [summary] = await p.summaries(1);
    expect(summary?.subject).toBe('Workout upload (ana): File rejected: years.csv');
  });

  it('skips, without a report or summary, an object deleted before its event was processed', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/gone.csv', strongExport([MONDAY]));
    await p.clients.s3.send(
      new DeleteObjectCommand({ Bucket: p.pipeline.names.buckets.ingest, Key: 'uploads/ana/gone.csv' }),
    );

    const result = await p.invoke(event);

    expect(result.uploads[0]).toMatchObject({ status: 'gone', reportKey: null, published: false });
    expect(await p.listProcessed()).toEqual([]);
    expect(await p.summaries(1, 1_500)).toHaveLength(0);
  });
});
