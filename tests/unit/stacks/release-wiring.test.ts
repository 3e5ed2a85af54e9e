/**
 * The function's `live` alias (issue 17, part 2): every change publishes a version, uploads
 * invoke the alias and never the function itself, and Terraform leaves where the alias points
 * to the release step (scripts/steps/release), so a plan after a rollback does not undo it.
 */
import { describe, expect, it } from 'vitest';
import { getEnvironment } from '../../../stacks/config/environments.js';
import { LIVE_ALIAS } from '../../../stacks/config/naming.js';
import type { Target } from '../../../stacks/config/types.js';
import { PipelineStack } from '../../../stacks/pipeline-stack.js';
import type { TfJson } from './synth.js';
import { IMAGE, ref, resource, resources, synth, synthErrors, testApp } from './synth.js';

const STATE = { kind: 's3', bucket: 'acme-tfstate', region: 'eu-west-1' } as const;

function synthOf(target: Target, eventSource: 's3-notification' | 'eventbridge' = 's3-notification') {
  const stack = new PipelineStack(testApp(), {
    config: { ...getEnvironment(target), eventSource },
    imageUri: IMAGE,
    state: target === 'emulator' ? { kind: 'local', path: '../../../terraform.emulator.tfstate' } : STATE,
    ...(target === 'emulator' ? { endpoint: 'http://127.0.0.1:5000' } : {}),
  });
  return { json: synth(stack), stack };
}

const ids = (json: TfJson) => ({
  fn: resource(json, 'aws_lambda_function', 'processor_function').id,
  alias: resource(json, 'aws_lambda_alias', 'processor_live').id,
});

describe('pipeline stack: the live alias', () => {
  it.each(['dev', 'staging', 'prod', 'emulator'] as const)(
    'publishes a version per change and creates the alias live at it (%s)',
    (target) => {
      const { json, stack } = synthOf(target);
      const { fn } = ids(json);
      expect(resource(json, 'aws_lambda_function', 'processor_function').publish).toBe(true);
      expect(Object.keys(resources(json, 'aws_lambda_alias'))).toHaveLength(1);
      expect(resource(json, 'aws_lambda_alias', 'processor_live')).toMatchObject({
        name: LIVE_ALIAS,
        function_name: ref('aws_lambda_function', fn, 'function_name'),
        function_version: ref('aws_lambda_function', fn, 'version'),
      });
      expect(synthErrors(stack)).toEqual([]);
    },
  );

  it('leaves where the alias points and its canary routing to the release step', () => {
    const { json } = synthOf('prod');
    const alias = resource(json, 'aws_lambda_alias', 'processor_live');
    expect(alias.lifecycle).toEqual({ ignore_changes: ['function_version', 'routing_config'] });
    expect(alias.routing_config).toBeUndefined();
  });

  it("has S3 invoke the alias's qualified ARN, allowed on the alias only", () => {
    const { json } = synthOf('prod');
    const { fn, alias } = ids(json);
    const notification = resource(json, 'aws_s3_bucket_notification', 'processor_uploads');
    const targets = notification.lambda_function as { lambda_function_arn: string }[];
    expect(targets).toHaveLength(2);
    for (const target of targets) {
      expect(target.lambda_function_arn).toBe(ref('aws_lambda_alias', alias, 'arn'));
    }
    expect(resource(json, 'aws_lambda_permission', 'processor_allow-s3')).toMatchObject({
      function_name: ref('aws_lambda_function', fn, 'function_name'),
      qualifier: ref('aws_lambda_alias', alias, 'name'),
      principal: 's3.amazonaws.com',
    });
    expect(JSON.stringify(notification)).not.toContain(ref('aws_lambda_function', fn, 'arn'));
  });

  it("has the EventBridge rule target the alias's qualified ARN, allowed on the alias only", () => {
    const { json } = synthOf('dev', 'eventbridge');
    const { alias } = ids(json);
    expect(resource(json, 'aws_cloudwatch_event_target', 'processor_uploads-target').arn).toBe(
      ref('aws_lambda_alias', alias, 'arn'),
    );
    expect(resource(json, 'aws_lambda_permission', 'processor_allow-eventbridge').qualifier).toBe(
      ref('aws_lambda_alias', alias, 'name'),
    );
  });

  it('keeps the async retries and the on-failure DLQ on the alias, which is what is invoked', () => {
    const { json } = synthOf('prod');
    const { alias } = ids(json);
    expect(resource(json, 'aws_lambda_function_event_invoke_config', 'processor_async')).toMatchObject({
      qualifier: ref('aws_lambda_alias', alias, 'name'),
      maximum_retry_attempts: 2,
    });
  });

  it('outputs the published version and the alias for the release step', () => {
    const { json } = synthOf('dev');
    const { fn, alias } = ids(json);
    expect(json.output.function_version?.value).toBe(ref('aws_lambda_function', fn, 'version'));
    expect(json.output.function_alias_name?.value).toBe(ref('aws_lambda_alias', alias, 'name'));
    expect(json.output.function_alias_arn?.value).toBe(ref('aws_lambda_alias', alias, 'arn'));
  });
});
