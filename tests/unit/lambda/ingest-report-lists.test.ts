import { describe, expect, it } from 'vitest';
import type { LinesWriter, OutputSink } from '../../../lambda/src/adapters/s3-sink.js';
import type { ObjectSource } from '../../../lambda/src/adapters/s3-source.js';
import type { SessionsStore } from '../../../lambda/src/adapters/sessions-store.js';
import type { SummaryPublisher } from '../../../lambda/src/adapters/summary-publisher.js';
import type { StoredSession } from '../../../lambda/src/core/change-detection.js';
import { DEFAULT_UNITS } from '../../../lambda/src/core/index.js';
import { REPORT_LIST_LIMIT, type UploadReport } from '../../../lambda/src/core/upload-report.js';
import type { Summary } from '../../../lambda/src/core/upload-summary.js';
import type { UploadRef } from '../../../lambda/src/events.js';
import { ingestUpload } from '../../../lambda/src/ingest.js';
import { generateText } from '../../../scripts/lib/generate/index.js';

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

/** The adapters in memory: the whole history of a long-time user without AWS. */
function inMemoryDeps(body: string) {
  const table = new Map<string, StoredSession>();
  const objects = new Map<string, string>();
  const summaries: Summary[] = [];
  const source: ObjectSource = {
    open: async () => ({
      body: bytesOf(body),
      timezone: undefined,
      weightUnit: undefined,
      distanceUnit: undefined,
      restore: undefined,
      size: undefined,
      lastModified: new Date('2026-11-23T09:59:00Z'),
      discard: () => undefined,
    }),
  };
  const sink: OutputSink = {
    putText: async (key, text) => void objects.set(key, text),
    openLines: (key): LinesWriter => {
      const lines: string[] = [];
      return {
        write: async (line) => void lines.push(line),
        close: async () => {
          objects.set(key, lines.join('\n'));
          return lines.length > 0;
        },
        abort: async () => undefined,
      };
    },
  };
  const store: SessionsStore = {
    getMany: async (_athlete, ids) =>
      new Map(ids.flatMap((id) => (table.has(id) ? [[id, table.get(id) as StoredSession] as const] : []))),
    // Every write of these uploads is a first insert: no concurrent writer, no older version.
    writeAll: async (writes, uploadId) => {
      for (const { session, plan } of writes) {
        if (plan.write !== 'insert' || table.has(session.id)) throw new Error(`unexpected ${plan.write}`);
        table.set(session.id, {
          contentHash: session.contentHash,
          firstUpload: uploadId,
          lastChangedUpload: uploadId,
          changes: plan.changes,
        });
      }
      return { status: 'written' };
    },
    appliedVersion: async () => undefined,
    claim: async () => undefined,
  };
  const publisher: SummaryPublisher = {
    publishOnce: async (_id, summary) => {
      summaries.push(summary);
      return true;
    },
  };
  const deps = {
    source,
    sink,
    store,
    publisher,
    defaultTimezone: 'Europe/Berlin',
    maxRejectedShare: 0.5,
    defaultUnits: DEFAULT_UNITS,
    now: () => new Date('2026-11-23T10:00:00Z'),
  };
  return { deps, objects, summaries };
}

const upload: UploadRef = {
  bucket: 'ingest',
  key: 'uploads/ana/strong-history.csv',
  athlete: 'ana',
  versionId: 'v1',
  eTag: 'e1',
  size: 1,
};

describe('the report of an upload with years of new workouts', () => {
  it(`lists at most ${REPORT_LIST_LIMIT} new sessions, in file order, and counts every one`, async () => {
    // Prepare
    const sessions = REPORT_LIST_LIMIT + 250;
    const { deps, objects, summaries } = inMemoryDeps(generateText({ format: 'strong', sessions, seed: 3 }));

    // Act
    const result = await ingestUpload(upload, deps);

    // Assess
    if (result.status !== 'processed') throw new Error(`expected a processed upload, got ${result.status}`);
    const { report } = result;
    expect(report.counts.newSessions).toBe(sessions);
    expect(report.newSessions).toHaveLength(REPORT_LIST_LIMIT);
    const starts = report.newSessions.map((s) => s.sessionStart);
    expect(starts).toEqual([...starts].sort());
    const written = JSON.parse(objects.get(report.outputs.report) ?? '{}') as UploadReport;
    expect(written.newSessions).toHaveLength(REPORT_LIST_LIMIT);
    expect(written.counts.newSessions).toBe(sessions);
    expect((objects.get(report.outputs.silver ?? '') ?? '').split('\n')).toHaveLength(sessions);
    const body = summaries[0]?.body ?? '';
    const listed = body.split('\n').filter((line) => /^ {2}\d{4}-\d\d-\d\d /.test(line)).length;
    expect(listed).toBeGreaterThan(0);
    expect(body).toContain(`... and ${sessions - listed} more`);
  });
});

describe('the version that wrote a report', () => {
  it('is the running Lambda version, so the release step can tell which version processed its smoke upload', async () => {
    // Prepare
    const { deps, objects } = inMemoryDeps(generateText({ format: 'strong', sessions: 1, seed: 1 }));

    // Act
    const result = await ingestUpload(upload, { ...deps, functionVersion: '42' });

    // Assess
    if (result.status !== 'processed') throw new Error(`expected a processed upload, got ${result.status}`);
    expect(result.report.functionVersion).toBe('42');
    const written = JSON.parse(objects.get(result.report.outputs.report) ?? '{}') as UploadReport;
    expect(written.functionVersion).toBe('42');
  });

  it('is null outside Lambda (the local run)', async () => {
    const { deps } = inMemoryDeps(generateText({ format: 'strong', sessions: 1, seed: 1 }));
    const result = await ingestUpload(upload, deps);
    if (result.status !== 'processed') throw new Error(`expected a processed upload, got ${result.status}`);
    expect(result.report.functionVersion).toBeNull();
  });
});
