import { describe, expect, it } from 'vitest';
import { planWrite } from '../../../lambda/src/core/change-detection.js';

const stored = (contentHash: string, firstUpload: string, lastChangedUpload = firstUpload) => ({
  contentHash,
  firstUpload,
  lastChangedUpload,
});

describe('deciding new, updated or unchanged against the sessions table', () => {
  it('inserts a session the table does not have', () => {
    expect(planWrite(undefined, 'h1', 'u-2')).toEqual({ write: 'insert' });
  });

  it('leaves a session with the same content unchanged', () => {
    expect(planWrite(stored('h1', 'u-1'), 'h1', 'u-2')).toEqual({ write: 'none', outcome: 'unchanged' });
  });

  it('updates a session whose content changed, conditional on the content it read', () => {
    expect(planWrite(stored('h1', 'u-1'), 'h2', 'u-2')).toEqual({ write: 'update', expectedHash: 'h1' });
  });

  it('still counts a session as new when a retry of the upload that created it sees it', () => {
    expect(planWrite(stored('h1', 'u-2'), 'h1', 'u-2')).toEqual({ write: 'none', outcome: 'new' });
  });

  it('still counts a session as updated when a retry of the upload that changed it sees it', () => {
    expect(planWrite(stored('h2', 'u-1', 'u-2'), 'h2', 'u-2')).toEqual({ write: 'none', outcome: 'updated' });
  });
});
