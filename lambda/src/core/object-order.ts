/**
 * The order of the versions of one uploaded object, so that an event for an older version,
 * delivered after a newer one was applied, changes nothing. S3 documents its `sequencer`
 * for this: within one key, the greater hex value (after right-padding the shorter with
 * zeros) is the later event. Where an event carries no sequencer (the emulator), the
 * version's LastModified stands in; it has one-second precision, so two versions within a
 * second are not told apart and both apply.
 *
 * An order is a string that sorts as the versions do, so DynamoDB can compare it in a
 * condition: `s:` + the sequencer padded to a fixed width, or `t:` + the ISO time. Orders
 * of the two kinds are never compared (a key only ever gets one kind from one sender).
 */
const SEQUENCER = /^[0-9A-Fa-f]{1,64}$/;
const SEQUENCER_WIDTH = 64;

export type ObjectOrder = string;

export function objectOrderOf(version: {
  readonly sequencer?: string | undefined;
  readonly lastModified?: Date | undefined;
}): ObjectOrder | undefined {
  const { sequencer, lastModified } = version;
  if (sequencer && SEQUENCER.test(sequencer)) {
    return `s:${sequencer.toUpperCase().padEnd(SEQUENCER_WIDTH, '0')}`;
  }
  if (lastModified && !Number.isNaN(lastModified.getTime())) return `t:${lastModified.toISOString()}`;
  return undefined;
}

/** The prefix shared by orders that can be compared with this one. */
export const orderKindOf = (order: ObjectOrder): string => order.slice(0, 2);

/** True when `order` is of an earlier version than `applied` (never across kinds). */
export function isOlderThan(order: ObjectOrder, applied: ObjectOrder): boolean {
  return orderKindOf(order) === orderKindOf(applied) && order < applied;
}
