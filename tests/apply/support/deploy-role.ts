/**
 * A deploy role's own credentials in the emulator, and moto's IAM enforcement around a run,
 * for the least-privilege apply test: the workflow assumes the role with GitHub's OIDC token
 * (AssumeRoleWithWebIdentity, unsigned); moto accepts any token, so the role's trust policy
 * is covered by synth tests, and what this proves is its permissions.
 */
import type { Emulator, IamDecision } from '../../../scripts/lib/emulator.js';

export type RoleCredentials = {
  readonly AWS_ACCESS_KEY_ID: string;
  readonly AWS_SECRET_ACCESS_KEY: string;
  readonly AWS_SESSION_TOKEN: string;
};

/** As configure-aws-credentials does, before moto's auth is on (an unsigned call). */
export async function assumeRoleWithWebIdentity(
  emulator: Emulator,
  roleArn: string,
  sessionName: string,
): Promise<RoleCredentials> {
  const form = new URLSearchParams({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: sessionName,
    WebIdentityToken: 'emulator-does-not-check-the-token',
    DurationSeconds: '3600',
  });
  const answer = await emulator.post('/', form.toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  });
  const field = (name: string) => {
    const value = new RegExp(`<${name}>([^<]+)</${name}>`).exec(answer.body)?.[1];
    if (answer.status !== 200 || value === undefined) {
      throw new Error(`AssumeRoleWithWebIdentity of ${roleArn} failed (${answer.status}): ${answer.body}`);
    }
    return value;
  };
  return {
    AWS_ACCESS_KEY_ID: field('AccessKeyId'),
    AWS_SECRET_ACCESS_KEY: field('SecretAccessKey'),
    AWS_SESSION_TOKEN: field('SessionToken'),
  };
}

/** Switches moto's IAM checks on (every request must be signed by a principal it knows) or off. */
export async function enforceIam(emulator: Emulator, on: boolean): Promise<void> {
  const answer = await emulator.post('/moto-api/reset-auth', on ? '0' : 'inf');
  if (answer.status !== 200) throw new Error(`moto reset-auth failed (${answer.status}): ${answer.body}`);
}

/** Runs `body` with moto's IAM checks on; returns the decisions moto made meanwhile. */
export async function withIamEnforced<T>(
  emulator: Emulator,
  body: () => T | Promise<T>,
): Promise<{ value: T; decisions: IamDecision[] }> {
  const before = emulator.iamDecisions().length;
  await enforceIam(emulator, true);
  try {
    const value = await body();
    return { value, decisions: emulator.iamDecisions().slice(before) };
  } catch (error) {
    // Name what was denied first: Terraform's own message only shows an undecodable 403.
    const refused = denied(emulator.iamDecisions().slice(before));
    if (refused.length === 0) throw error;
    throw new Error(`moto denied: ${refused.join(', ')}\n${(error as Error).message}`, { cause: error });
  } finally {
    await enforceIam(emulator, false);
  }
}

/** `action on resource`, once each, for the requests moto denied. */
export function denied(decisions: readonly IamDecision[]): string[] {
  return [...new Set(decisions.filter((d) => !d.allowed).map((d) => `${d.action} on ${d.resource}`))].sort();
}
