/**
 * Runs a workflow step the way the Actions runner does: inputs as INPUT_* variables, step
 * outputs and the job summary written to the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
 * name. Every variable is stubbed with vi.stubEnv and restored by `restore()`, together
 * with process.exitCode (core.setFailed sets it). The output and summary files are the same
 * for the whole test process because @actions/core caches the summary file's path.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

export interface StepRun {
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** Everything the step wrote to stdout (workflow commands such as ::error::). */
  readonly log: string;
  readonly failed: boolean;
}

export interface ActionsEnv {
  /** Sets inputs (name as in the workflow, e.g. `ingest_bucket`) and runs the step. */
  run(step: () => Promise<void>, inputs: Record<string, string>): Promise<StepRun>;
  /** A file in the step's temporary directory, e.g. for a manifest input. */
  file(name: string, content: string): string;
  restore(): void;
}

const processDir = mkdtempSync(join(tmpdir(), 'step-'));
const outputFile = join(processDir, 'output');
const summaryFile = join(processDir, 'summary');

export function actionsEnv(): ActionsEnv {
  const dir = mkdtempSync(join(processDir, 'files-'));
  return {
    async run(step, inputs) {
      writeFileSync(outputFile, '');
      writeFileSync(summaryFile, '');
      vi.stubEnv('GITHUB_OUTPUT', outputFile);
      vi.stubEnv('GITHUB_STEP_SUMMARY', summaryFile);
      for (const [name, value] of Object.entries(inputs)) vi.stubEnv(`INPUT_${name.toUpperCase()}`, value);
      const previousExitCode = process.exitCode;
      process.exitCode = undefined;
      const chunks: string[] = [];
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        chunks.push(String(chunk));
        return true;
      });
      try {
        await step();
      } finally {
        spy.mockRestore();
      }
      const failed = process.exitCode === 1;
      process.exitCode = previousExitCode;
      return {
        outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
        log: chunks.join(''),
        failed,
      };
    },
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    restore() {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Parses the `name<<delimiter\nvalue\ndelimiter` records @actions/core writes. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    if (name !== undefined) outputs[name] = value.join('\n');
  }
  return outputs;
}
