/**
 * Decides what an upload's session means against what is stored, and which conditional
 * write makes it so. The stored item remembers the upload that created it (`firstUpload`)
 * and the last upload that changed it (`lastChangedUpload`), so a retry of the same upload,
 * after some of its writes already happened, still reports those sessions as new or updated,
 * and two uploads racing over the same session count it as new exactly once.
 */
export const OUTCOMES = ['new', 'updated', 'unchanged'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface StoredSession {
  readonly contentHash: string;
  readonly firstUpload: string;
  readonly lastChangedUpload: string;
}

export type WritePlan =
  /** Nothing to write; the outcome is already decided by what is stored. */
  | { readonly write: 'none'; readonly outcome: Outcome }
  /** Create the item if it still does not exist; success means `new`. */
  | { readonly write: 'insert' }
  /** Replace the content if it still has `expectedHash`; success means `updated`. */
  | { readonly write: 'update'; readonly expectedHash: string };

export function planWrite(
  stored: StoredSession | undefined,
  contentHash: string,
  uploadId: string,
): WritePlan {
  if (!stored) return { write: 'insert' };
  if (stored.contentHash !== contentHash) return { write: 'update', expectedHash: stored.contentHash };
  if (stored.firstUpload === uploadId) return { write: 'none', outcome: 'new' };
  if (stored.lastChangedUpload === uploadId) return { write: 'none', outcome: 'updated' };
  return { write: 'none', outcome: 'unchanged' };
}

/** The outcome a successful write of a plan stands for. */
export function outcomeOfWrite(plan: Exclude<WritePlan, { write: 'none' }>): Outcome {
  return plan.write === 'insert' ? 'new' : 'updated';
}
