import { describe, expect, it } from 'vitest';
import {
  BUDGET_MODEL,
  DEFAULT_MAX_UPLOAD_BYTES,
  maxUploadBytes,
  secondsPerMB,
} from '../../../lambda/src/core/invocation-budget.js';

const MB = 1024 * 1024;

describe('how large an export one invocation finishes', () => {
  it('plans 156 MB for the default function (1024 MB, 300 s), as docs/infrastructure.md says', () => {
    // 2 passes / (9 MB/s x 1024/1769 vCPU) = 0.384 s/MB; 7,600/99 rounds x 0.06 s / 4 = 1.152 s/MB.
    expect(secondsPerMB(1024)).toBeCloseTo(0.384 + 1.152, 2);
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(156 * MB);
    expect(maxUploadBytes(1024, 60)).toBe(31 * MB);
  });

  it('gains nothing from memory above one vCPU (the core runs on one thread)', () => {
    expect(secondsPerMB(1769)).toBe(secondsPerMB(10_240));
    expect(maxUploadBytes(512, 300)).toBeLessThan(maxUploadBytes(1024, 300));
    // Three times the timeout, three times the file (within the whole MB each is floored to).
    expect(Math.abs(maxUploadBytes(1769, 900) - 3 * maxUploadBytes(1769, 300))).toBeLessThanOrEqual(3 * MB);
  });

  it('plans for only a share of the timeout', () => {
    const whole = maxUploadBytes(1024, 300, { ...BUDGET_MODEL, shareOfTimeout: 1 });
    expect(DEFAULT_MAX_UPLOAD_BYTES / whole).toBeCloseTo(BUDGET_MODEL.shareOfTimeout, 2);
  });
});
