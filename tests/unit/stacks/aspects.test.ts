import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { Aspects, TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { DataProtectionAspect } from '../../../stacks/aspects/data-protection.js';
import { EncryptionAspect } from '../../../stacks/aspects/encryption.js';
import { RequiredTagsAspect } from '../../../stacks/aspects/tags.js';
import { SecureBucket } from '../../../stacks/constructs/secure-bucket.js';
import { synth, synthErrors, testApp } from './synth.js';

function stackWith(build: (stack: TerraformStack) => void): TerraformStack {
  const stack = new TerraformStack(testApp(), 'under-test');
  new AwsProvider(stack, 'aws', {
    region: 'eu-west-1',
    defaultTags: [{ tags: { project: 'p', environment: 'test', 'managed-by': 'cdktf' } }],
  });
  build(stack);
  return stack;
}

describe('synth-time invariants', () => {
  it('fails a bucket without encryption and public access block', () => {
    const stack = stackWith((s) => new S3Bucket(s, 'naked', { bucket: 'naked' }));
    Aspects.of(stack).add(new EncryptionAspect());
    synth(stack);
    expect(synthErrors(stack)).toEqual([
      expect.stringMatching(
        /\[encryption\] under-test\/naked: no server-side encryption configuration; public access not fully blocked/,
      ),
    ]);
  });

  it('accepts a SecureBucket', () => {
    const stack = stackWith((s) => new SecureBucket(s, 'safe', { bucketName: 'safe' }));
    Aspects.of(stack).add(new EncryptionAspect());
    synth(stack);
    expect(synthErrors(stack)).toEqual([]);
  });

  it('fails an unencrypted table and queue', () => {
    const stack = stackWith((s) => {
      new DynamodbTable(s, 'table', { name: 't', hashKey: 'id', attribute: [{ name: 'id', type: 'S' }] });
      new SqsQueue(s, 'queue', { name: 'q' });
    });
    Aspects.of(stack).add(new EncryptionAspect());
    synth(stack);
    expect(synthErrors(stack)).toEqual([
      expect.stringContaining('table needs server-side encryption'),
      expect.stringContaining('queue needs kms_master_key_id'),
    ]);
  });

  it('fails a force-destroying bucket or unprotected table where data must be kept', () => {
    const stack = stackWith((s) => {
      new S3Bucket(s, 'bucket', { bucket: 'b', forceDestroy: true });
      new DynamodbTable(s, 'table', { name: 't', hashKey: 'id', attribute: [{ name: 'id', type: 'S' }] });
    });
    Aspects.of(stack).add(new DataProtectionAspect('prod'));
    synth(stack);
    expect(synthErrors(stack)).toEqual([
      expect.stringContaining('prod buckets must not force-destroy'),
      expect.stringContaining('prod tables need deletion protection'),
    ]);
  });

  it('fails a provider whose default tags miss a required key', () => {
    const stack = new TerraformStack(testApp(), 'untagged');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1', defaultTags: [{ tags: { project: 'p' } }] });
    Aspects.of(stack).add(new RequiredTagsAspect());
    synth(stack);
    expect(synthErrors(stack)).toEqual([
      expect.stringContaining('default_tags misses environment, managed-by'),
    ]);
  });
});
