/**
 * Reads the file `cdktf deploy --outputs-file` writes: `{ "<stack>": { "<output>": value } }`
 * (outputs of nested constructs nest further). Flattens one stack's outputs into
 * `name -> string` pairs a workflow step can set as outputs.
 */
import { StepError } from '../lib/errors.js';

const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function stackOutputs(text: string, stack: string): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new StepError('OUTPUTS_INVALID', 'The cdktf outputs file is not JSON.', { cause });
  }
  if (typeof data !== 'object' || data === null) {
    throw new StepError('OUTPUTS_INVALID', 'The cdktf outputs file holds no stacks.');
  }
  const stacks = data as Record<string, unknown>;
  const outputs = stacks[stack];
  if (typeof outputs !== 'object' || outputs === null) {
    throw new StepError(
      'OUTPUTS_INVALID',
      `The cdktf outputs file has no stack '${stack}' (it has: ${Object.keys(stacks).join(', ') || 'none'}).`,
    );
  }
  const flat: Record<string, string> = {};
  flatten(outputs as Record<string, unknown>, [], flat);
  return flat;
}

function flatten(value: Record<string, unknown>, path: string[], into: Record<string, string>): void {
  for (const [key, inner] of Object.entries(value)) {
    const name = [...path, key].join('_');
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      flatten(inner as Record<string, unknown>, [...path, key], into);
      continue;
    }
    if (!OUTPUT_NAME.test(name)) {
      throw new StepError('OUTPUTS_INVALID', `Output '${name}' cannot be a step output name.`);
    }
    into[name] = typeof inner === 'string' ? inner : JSON.stringify(inner);
  }
}

/** Throws OUTPUTS_INVALID naming every required output the stack did not produce. */
export function requireOutputs(outputs: Record<string, string>, required: readonly string[]): void {
  const missing = required.filter((name) => outputs[name] === undefined || outputs[name] === '');
  if (missing.length > 0) {
    throw new StepError(
      'OUTPUTS_INVALID',
      `The stack has no output ${missing.join(', ')}; the workflow relies on ${missing.length === 1 ? 'it' : 'them'}.`,
    );
  }
}
