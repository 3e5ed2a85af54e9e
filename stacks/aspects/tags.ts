import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { Annotations, type IAspect, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { resolveValue } from './resolve.js';

/** Tag keys every resource carries, through the provider's default_tags. */
export const REQUIRED_TAG_KEYS = ['project', 'environment', 'managed-by'] as const;

/**
 * Every stack has AWS providers only, each with default_tags holding the required keys,
 * so every taggable resource is tagged without each construct remembering it.
 */
export class RequiredTagsAspect implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof TerraformStack) {
      const providers = node.node.findAll().filter((n) => n instanceof AwsProvider);
      if (providers.length === 0)
        Annotations.of(node).addError('[tags] stack has no AWS provider with default_tags');
      return;
    }
    if (!(node instanceof AwsProvider)) return;
    const stack = TerraformStack.of(node);
    const resolved = resolveValue(stack, node.defaultTagsInput) as
      | { tags?: Record<string, string> }[]
      | undefined;
    const tags = resolved?.[0]?.tags ?? {};
    const missing = REQUIRED_TAG_KEYS.filter((key) => !tags[key]);
    if (missing.length > 0) {
      Annotations.of(node).addError(`[tags] ${node.node.path}: default_tags misses ${missing.join(', ')}`);
    }
  }
}
