/**
 * Decides what an upload's session means against what is stored, and which conditional
 * write makes it so. The stored item remembers the upload that created it (`firstUpload`),
 * the last upload that changed it (`lastChangedUpload`) and its last few contents
 * (`changes`: upload id and content hash of each), so:
 * - a retry of the same upload, after some of its writes already happened, still reports
 *   those sessions as new or updated;
 * - two uploads racing over the same session count it as new exactly once;
 * - an older export uploaded after a newer one does not revert the newer content: a session
 *   whose incoming content is one it had before is `stale` and left as it is.
 */
export const OUTCOMES = ['new', 'updated', 'unchanged', 'stale'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How many contents a session's `changes` keeps; an older content than these can come back. */
export const CHANGES_KEPT = 8;
/** Hex digits of a content hash kept per change: 64 bits tell one session's contents apart. */
const CHANGE_HASH_DIGITS = 16;

export interface StoredSession {
  readonly contentHash: string;
  readonly firstUpload: string;
  readonly lastChangedUpload: string;
  readonly createdAt?: string | undefined;
  /** `<uploadId>:<hash prefix>`, oldest first, the current content last. */
  readonly changes?: readonly string[] | undefined;
  /** The local day the stored content counts on; absent on items stored before gold. */
  readonly day?: string | undefined;
}

export type WritePlan =
  /** Nothing to write; the outcome is already decided by what is stored. */
  | { readonly write: 'none'; readonly outcome: Outcome }
  /** Create the item if it still does not exist; success means `new`. */
  | { readonly write: 'insert'; readonly changes: readonly string[] }
  /** Replace the content if it still has `expectedHash`; success means `updated`. */
  | {
      readonly write: 'update';
      readonly expectedHash: string;
      readonly previous: StoredSession;
      readonly changes: readonly string[];
    };

export type Write = Exclude<WritePlan, { write: 'none' }>;

export const changeOf = (uploadId: string, contentHash: string): string =>
  `${uploadId}:${contentHash.slice(0, CHANGE_HASH_DIGITS)}`;

/** The stored changes; an item written before they were kept has only its current content. */
export function changesOf(stored: StoredSession): readonly string[] {
  return stored.changes && stored.changes.length > 0
    ? stored.changes
    : [changeOf(stored.lastChangedUpload, stored.contentHash)];
}

function hadContent(stored: StoredSession, contentHash: string): boolean {
  const hash = contentHash.slice(0, CHANGE_HASH_DIGITS);
  return changesOf(stored).some((change) => change.slice(change.lastIndexOf(':') + 1) === hash);
}

/**
 * `restore`: the upload brings back earlier contents on purpose (object metadata
 * `restore: true`), so a content the session had before is written back, not left stale.
 */
export function planWrite(
  stored: StoredSession | undefined,
  contentHash: string,
  uploadId: string,
  { restore = false }: { readonly restore?: boolean } = {},
): WritePlan {
  if (!stored) return { write: 'insert', changes: [changeOf(uploadId, contentHash)] };
  if (stored.contentHash === contentHash) {
    if (stored.firstUpload === uploadId) return { write: 'none', outcome: 'new' };
    if (stored.lastChangedUpload === uploadId) return { write: 'none', outcome: 'updated' };
    return { write: 'none', outcome: 'unchanged' };
  }
  if (!restore && hadContent(stored, contentHash)) return { write: 'none', outcome: 'stale' };
  return {
    write: 'update',
    expectedHash: stored.contentHash,
    previous: stored,
    changes: [...changesOf(stored), changeOf(uploadId, contentHash)].slice(-CHANGES_KEPT),
  };
}

/** The outcome a successful write of a plan stands for. */
export function outcomeOfWrite(plan: Write): Outcome {
  return plan.write === 'insert' ? 'new' : 'updated';
}
