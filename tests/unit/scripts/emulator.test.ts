import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorEnv, parseEndpoint, startEmulator } from '../../../scripts/lib/emulator.js';
import { ToolingError } from '../../../scripts/lib/errors.js';

describe('emulator harness', () => {
  it('tells the user to run npm run venv when moto is not installed', async () => {
    const emptyProject = mkdtempSync(join(tmpdir(), 'no-venv-'));

    const attempt = startEmulator({ projectRoot: emptyProject, env: {} });

    await expect(attempt).rejects.toBeInstanceOf(ToolingError);
    await expect(attempt).rejects.toMatchObject({ code: 'EMULATOR_NOT_INSTALLED' });
    await expect(attempt).rejects.toThrow(/npm run venv/);
  });

  it('rejects an AWS_ENDPOINT_URL that is not an http(s) URL, naming the value', async () => {
    expect(() => parseEndpoint('localhost:4566')).toThrow(/'localhost:4566'.*http/);
    expect(() => parseEndpoint('not a url')).toThrow(/not a URL/);
    await expect(startEmulator({ env: { AWS_ENDPOINT_URL: 'ftp://x' } })).rejects.toMatchObject({
      code: 'INVALID_ENDPOINT',
    });
  });

  it('keeps only the origin of an endpoint URL', () => {
    expect(parseEndpoint('http://127.0.0.1:4566/some/path')).toBe('http://127.0.0.1:4566');
  });

  it('gives dummy credentials unless emulator credentials are set', () => {
    expect(emulatorEnv('http://127.0.0.1:1', 'eu-west-1', {})).toEqual({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
    });
    expect(
      emulatorEnv('http://h:1', 'us-east-1', { AWS_ACCESS_KEY_ID: 'ls', AWS_SECRET_ACCESS_KEY: 's' }),
    ).toMatchObject({ AWS_ACCESS_KEY_ID: 'ls', AWS_SECRET_ACCESS_KEY: 's' });
  });
});
