import { describe, expect, it } from 'vitest';
import { LOCALSTACK_IMAGE, planEmulator } from '../../../scripts/steps/emulator/plan.js';

describe('choosing the emulator for a workflow job', () => {
  it("starts moto's server from the project's venv when there is no LocalStack token", () => {
    const launch = planEmulator({ projectRoot: '/repo', port: 5123 });

    expect(launch).toMatchObject({
      kind: 'moto',
      endpoint: 'http://127.0.0.1:5123',
      command: '/repo/.venv/bin/python',
      args: ['/repo/scripts/lib/moto_server.py', '-H', '127.0.0.1', '-p', '5123'],
    });
  });

  it('treats an empty token secret as no token', () => {
    expect(planEmulator({ projectRoot: '/repo', port: 1, localstackAuthToken: '  ' }).kind).toBe('moto');
  });

  it('starts the pinned LocalStack image when a token is set, keeping the token off the command line', () => {
    const launch = planEmulator({ projectRoot: '/repo', port: 1, localstackAuthToken: 'ls-secret' });

    expect(launch.kind).toBe('localstack');
    expect(launch.args).toContain(LOCALSTACK_IMAGE);
    expect(LOCALSTACK_IMAGE).toMatch(/:\d+\.\d+\.\d+$/);
    expect(launch.args.join(' ')).not.toContain('ls-secret');
    expect(launch.env).toEqual({ LOCALSTACK_AUTH_TOKEN: 'ls-secret' });
  });
});
