import { DefaultTokenResolver, StringConcat, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';

/** Resolves tokens (references such as `bucket.id`) to what the synthesized JSON will hold. */
export function resolveValue(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, {
    scope,
    resolver: new DefaultTokenResolver(new StringConcat()),
    preparing: false,
  });
}
