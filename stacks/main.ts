/**
 * The cdktf app: the one file with side effects. Reads the synth inputs from the
 * environment (see docs/infrastructure.md), builds the stacks they ask for, synthesizes.
 */
import { createApp } from './app.js';
import { ConfigError } from './config/errors.js';
import { readSynthInputs } from './config/inputs.js';

try {
  const inputs = readSynthInputs(process.env);
  for (const note of inputs.notes) console.log(`Note: ${note}`);
  createApp(inputs).synth();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
