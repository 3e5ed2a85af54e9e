import { describe, expect, it } from 'vitest';
import { isOlderThan, objectOrderOf } from '../../../lambda/src/core/object-order.js';

const order = (sequencer?: string, lastModified?: Date) =>
  objectOrderOf({ sequencer, lastModified }) as string;

describe('ordering the versions of one object key', () => {
  it("orders by S3's sequencer, comparing hex after right-padding the shorter with zeros", () => {
    // Real sequencers from S3 events are 16-18 hex digits long (tests/unit/fixtures/events).
    expect(isOlderThan(order('0055AED6DCD90281E5'), order('0055AED6DCD90281E6'))).toBe(true);
    expect(isOlderThan(order('0055AED6DCD90281E6'), order('0055AED6DCD90281E5'))).toBe(false);
    // Right-padded: 0055AED6DCD90281 is 0055AED6DCD9028100, before ...E5.
    expect(isOlderThan(order('0055AED6DCD90281'), order('0055AED6DCD90281E5'))).toBe(true);
    expect(isOlderThan(order('0055aed6dcd90281e5'), order('0055AED6DCD90281E6'))).toBe(true);
    expect(isOlderThan(order('0055AED6DCD90281E5'), order('0055AED6DCD90281E5'))).toBe(false);
  });

  it("falls back to the version's LastModified without a sequencer (the emulator)", () => {
    const earlier = order(undefined, new Date('2026-11-30T10:00:00Z'));
    const later = order(undefined, new Date('2026-11-30T10:00:01Z'));
    expect(isOlderThan(earlier, later)).toBe(true);
    expect(isOlderThan(later, earlier)).toBe(false);
    expect(isOlderThan(earlier, earlier)).toBe(false);
  });

  it('never compares a sequencer with a time, and has no order without either', () => {
    const bySequencer = order('FFFF');
    const byTime = order(undefined, new Date('2026-11-30T10:00:00Z'));
    expect(isOlderThan(bySequencer, byTime)).toBe(false);
    expect(isOlderThan(byTime, bySequencer)).toBe(false);
    expect(objectOrderOf({})).toBeUndefined();
    expect(objectOrderOf({ sequencer: 'not hex' })).toBeUndefined();
  });
});
