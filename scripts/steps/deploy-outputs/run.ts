/**
 * deploy-outputs: turns a stack's Terraform outputs into step outputs (bucket names for
 * the smoke test, function name, ...) and a summary table of what was deployed.
 *
 * Inputs: outputs_file (JSON from `cdktf deploy --outputs-file`), stack, required (one
 *         output name per line), environment (for the summary heading), mask (output names
 *         whose values are masked in logs), heading (default "Deployed").
 * Outputs: every output of the stack under its own name.
 */
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { StepError } from '../lib/errors.js';
import { optionalInput, requiredInput, runStep } from '../lib/inputs.js';
import { requireOutputs, stackOutputs } from './outputs.js';

export async function run(): Promise<void> {
  await runStep(async () => {
    const path = requiredInput('outputs_file');
    const stack = requiredInput('stack');
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new StepError('OUTPUTS_INVALID', `No outputs file at ${path}; did the deploy finish?`, { cause });
    }
    const outputs = stackOutputs(text, stack);
    requireOutputs(outputs, core.getMultilineInput('required'));
    const masked = new Set(core.getMultilineInput('mask'));
    for (const [name, value] of Object.entries(outputs)) {
      if (masked.has(name)) core.setSecret(value);
      core.setOutput(name, value);
    }
    const environment = optionalInput('environment') ?? stack;
    await core.summary
      .addHeading(`${optionalInput('heading') ?? 'Deployed'} ${environment} (${stack})`, 3)
      .addTable([
        [
          { data: 'Output', header: true },
          { data: 'Value', header: true },
        ],
        ...Object.entries(outputs).map(([name, value]) => [name, masked.has(name) ? '***' : value]),
      ])
      .write();
  });
}
