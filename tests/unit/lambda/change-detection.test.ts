import { describe, expect, it } from 'vitest';
import {
  CHANGES_KEPT,
  changeOf,
  planWrite,
  type StoredSession,
} from '../../../lambda/src/core/change-detection.js';

// Content hashes are 64 hex digits; only their first 16 are kept per change.
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

const stored = (
  contentHash: string,
  firstUpload: string,
  lastChangedUpload = firstUpload,
  changes?: string[],
): StoredSession => ({ contentHash, firstUpload, lastChangedUpload, changes });

describe('deciding new, updated, unchanged or stale against the sessions table', () => {
  it('inserts a session the table does not have, remembering its first content', () => {
    expect(planWrite(undefined, A, 'u-2')).toEqual({ write: 'insert', changes: ['u-2:aaaaaaaaaaaaaaaa'] });
  });

  it('leaves a session with the same content unchanged', () => {
    expect(planWrite(stored(A, 'u-1'), A, 'u-2')).toEqual({ write: 'none', outcome: 'unchanged' });
  });

  it('updates a session whose content changed, conditional on the content it read', () => {
    const before = stored(A, 'u-1', 'u-1', [changeOf('u-1', A)]);
    expect(planWrite(before, B, 'u-2')).toEqual({
      write: 'update',
      expectedHash: A,
      previous: before,
      changes: ['u-1:aaaaaaaaaaaaaaaa', 'u-2:bbbbbbbbbbbbbbbb'],
    });
  });

  it('still counts a session as new when a retry of the upload that created it sees it', () => {
    expect(planWrite(stored(A, 'u-2'), A, 'u-2')).toEqual({ write: 'none', outcome: 'new' });
  });

  it('still counts a session as updated when a retry of the upload that changed it sees it', () => {
    expect(planWrite(stored(B, 'u-1', 'u-2'), B, 'u-2')).toEqual({ write: 'none', outcome: 'updated' });
  });

  it('leaves a session stale when its incoming content is one it had before (an older export)', () => {
    const edited = stored(B, 'u-1', 'u-2', [changeOf('u-1', A), changeOf('u-2', B)]);
    expect(planWrite(edited, A, 'u-3')).toEqual({ write: 'none', outcome: 'stale' });
  });

  it('writes a content it had before back when the upload restores on purpose', () => {
    const edited = stored(B, 'u-1', 'u-2', [changeOf('u-1', A), changeOf('u-2', B)]);
    expect(planWrite(edited, A, 'u-3', { restore: true })).toMatchObject({
      write: 'update',
      expectedHash: B,
      changes: ['u-1:aaaaaaaaaaaaaaaa', 'u-2:bbbbbbbbbbbbbbbb', 'u-3:aaaaaaaaaaaaaaaa'],
    });
  });

  it('reads an item stored before changes were kept as having only its current content', () => {
    const old = stored(A, 'u-1');
    expect(planWrite(old, B, 'u-2')).toMatchObject({
      write: 'update',
      changes: ['u-1:aaaaaaaaaaaaaaaa', 'u-2:bbbbbbbbbbbbbbbb'],
    });
  });

  it(`keeps the last ${CHANGES_KEPT} contents: an older one than those can come back`, () => {
    const hashes = Array.from({ length: CHANGES_KEPT + 1 }, (_, i) => i.toString(16).repeat(64));
    let item: StoredSession | undefined;
    for (const [i, hash] of hashes.entries()) {
      const plan = planWrite(item, hash, `u-${i}`);
      if (plan.write === 'none') throw new Error('expected a write');
      item = stored(hash, 'u-0', `u-${i}`, [...plan.changes]);
    }
    expect(item?.changes).toHaveLength(CHANGES_KEPT);
    expect(planWrite(item, hashes[1] as string, 'u-x')).toEqual({ write: 'none', outcome: 'stale' });
    expect(planWrite(item, hashes[0] as string, 'u-x')).toMatchObject({ write: 'update' });
    expect(planWrite(item, C, 'u-x')).toMatchObject({ write: 'update' });
  });
});
