import { describe, expect, it } from 'vitest';
import { ToolingError } from '../../../scripts/lib/errors.js';
import { MainJobError } from '../../../scripts/main-job/errors.js';
import { describeFailure } from '../../../scripts/main-job/run.js';

describe('what the main job prints when it cannot go on', () => {
  it('prints its own errors as one line that already says what to do', () => {
    const lines = describeFailure(
      new MainJobError('FILE_NOT_FOUND', 'File not found: x.csv. Check the path.'),
      {},
    );

    expect(lines).toEqual(['npm start: File not found: x.csv. Check the path.']);
  });

  it('tells a person whose emulator failed to start how to retry or reinstall it', () => {
    const lines = describeFailure(
      new ToolingError('EMULATOR_START_FAILED', 'moto_server exited: address in use'),
      {},
    );

    expect(lines[1]).toMatch(/address is in use.*run npm start again/);
    expect(lines[1]).toContain('npm run venv');
  });

  it('points at AWS_ENDPOINT_URL when the given emulator does not answer', () => {
    const lines = describeFailure(new ToolingError('EMULATOR_NOT_READY', 'did not answer'), {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    });

    expect(lines[1]).toContain('unset AWS_ENDPOINT_URL');
  });

  it('prints the stack of an unexpected error and asks for an issue', () => {
    const lines = describeFailure(new TypeError('boom'), {});

    expect(lines[0]).toBe('npm start failed unexpectedly:');
    expect(lines[1]).toContain('TypeError: boom');
    expect(lines[2]).toContain('open an issue');
  });
});
