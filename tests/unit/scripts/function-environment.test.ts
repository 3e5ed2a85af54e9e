import { describe, expect, it } from 'vitest';
import { functionEnvironment } from '../../../scripts/lib/emulator-pipeline.js';
import { localNames } from '../../../scripts/main-job/inputs.js';
import { getEnvironment } from '../../../stacks/config/environments.js';
import { PipelineStack } from '../../../stacks/pipeline-stack.js';
import { IMAGE, resource, synth, testApp } from '../stacks/synth.js';

const deployedEmulatorFunction = (): Record<string, string> => {
  const stack = new PipelineStack(testApp(), {
    config: getEnvironment('emulator'),
    imageUri: IMAGE,
    state: { kind: 'local', path: '../../../terraform.emulator.tfstate' },
    endpoint: 'http://127.0.0.1:5000',
  });
  const fn = resource(synth(stack), 'aws_lambda_function', 'processor_function');
  return (fn.environment as { variables: Record<string, string> }).variables;
};

describe('the local run configures the function as the emulator stack deploys it', () => {
  it('sets the same variables, with the same settings and resource names', () => {
    // Prepare
    const deployed = deployedEmulatorFunction();
    const names = localNames(undefined);

    // Act
    const local = functionEnvironment(names, 'arn:aws:sns:us-east-1:123456789012:topic');

    // Assess
    expect(Object.keys(local).sort()).toEqual(Object.keys(deployed).sort());
    for (const [name, value] of Object.entries(deployed)) {
      // Terraform references (`${aws_sns_topic...}`) resolve only at apply time.
      if (!value.includes('${')) expect({ [name]: local[name] }).toEqual({ [name]: value });
    }
    expect(local.POWERTOOLS_SERVICE_NAME).toBe(deployed.POWERTOOLS_SERVICE_NAME);
  });
});
