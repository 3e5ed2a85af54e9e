/**
 * Reads what the function prints. Powertools Logger and Metrics write JSON lines to
 * process.stdout / process.stderr through their own Console (outside POWERTOOLS_DEV), so a
 * test replaces those streams' write for the time of one invocation.
 */
import { vi } from 'vitest';

export interface LogRecord {
  readonly level: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

/**
 * Captures what the process writes while `act` runs; returns the text, the Powertools log
 * records in it, and the other JSON lines (CloudWatch EMF metrics).
 */
export async function captured<T>(
  act: () => Promise<T>,
): Promise<{ result: T; text: string; logs: LogRecord[]; json: Record<string, unknown>[] }> {
  const chunks: string[] = [];
  const grab = ((chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(grab);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(grab);
  try {
    const result = await act();
    const text = chunks.join('');
    const json = text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const logs = json.filter(
      (record): record is LogRecord => typeof record.level === 'string' && typeof record.message === 'string',
    );
    return { result, text, logs, json };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
