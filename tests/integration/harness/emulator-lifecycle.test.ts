import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../scripts/lib/emulator.js';

describe('emulator lifecycle', () => {
  it('uses an emulator already given by AWS_ENDPOINT_URL and never stops it', async () => {
    const given = process.env.AWS_ENDPOINT_URL as string;

    const emulator = await startEmulator({ env: { AWS_ENDPOINT_URL: given, AWS_REGION: 'eu-west-1' } });
    await emulator.stop();

    expect(emulator.kind).toBe('external');
    expect(emulator.endpoint).toBe(given);
    expect(emulator.region).toBe('eu-west-1');
    const stillAnswers = await fetch(given);
    expect(stillAnswers.status).toBeLessThan(500);
  });

  it('starts its own moto server on a free loopback port and stops it', async () => {
    const emulator = await startEmulator({ env: {}, readyTimeoutMs: 30_000 });
    const answered = await fetch(emulator.endpoint);

    await emulator.stop();

    expect(emulator.kind).toBe('moto');
    expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(answered.ok).toBe(true);
    await expect(fetch(emulator.endpoint)).rejects.toThrow();
  });

  it('says the emulator did not answer, with its address, when nothing listens there', async () => {
    const attempt = startEmulator({ env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }, readyTimeoutMs: 500 });

    await expect(attempt).rejects.toMatchObject({ code: 'EMULATOR_NOT_READY' });
    await expect(attempt).rejects.toThrow(/127\.0\.0\.1:9/);
  });
});
