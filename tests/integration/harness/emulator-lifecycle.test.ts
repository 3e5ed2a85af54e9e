import { spawnSync } from 'node:child_process';
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

  it('serves HTTPS with a certificate made for the run, trusted only through the CA bundle it names', async () => {
    const emulator = await startEmulator({ env: {}, tls: true });
    try {
      expect(emulator.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator.env.AWS_CA_BUNDLE).toBe(emulator.caBundle);
      // Without the bundle the certificate is refused; a child given NODE_EXTRA_CA_CERTS trusts it.
      await expect(fetch(emulator.endpoint)).rejects.toThrow();
      const child = spawnSync(
        process.execPath,
        ['-e', `fetch(${JSON.stringify(emulator.endpoint)}).then((r) => console.log(r.status))`],
        {
          env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: emulator.env.NODE_EXTRA_CA_CERTS },
          encoding: 'utf8',
        },
      );
      expect(child.stdout.trim()).toBe('200');
    } finally {
      await emulator.stop();
    }
  });

  it('says the emulator did not answer, with its address, when nothing listens there', async () => {
    const attempt = startEmulator({ env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }, readyTimeoutMs: 500 });

    await expect(attempt).rejects.toMatchObject({ code: 'EMULATOR_NOT_READY' });
    await expect(attempt).rejects.toThrow(/127\.0\.0\.1:9/);
  });
});
