/**
 * The change list of a saved plan: every resource address the plan would touch and how,
 * read from `terraform show -json tfplan` (resource_changes[].change.actions). Deletions and
 * replacements come first, marked, because they are what a reviewer or an operator must
 * not miss; then creations, updates and reads, each group in address order.
 */
import { createHash } from 'node:crypto';
import { StepError } from '../lib/errors.js';

export type ChangeAction = 'replace' | 'delete' | 'create' | 'update' | 'read';

export interface PlannedChange {
  readonly address: string;
  readonly action: ChangeAction;
}

const ORDER: readonly ChangeAction[] = ['replace', 'delete', 'create', 'update', 'read'];

/** Terraform's action list for one resource, as one word; undefined for no-op. */
export function actionOf(actions: readonly string[]): ChangeAction | undefined {
  const key = actions.join(',');
  switch (key) {
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'delete':
    case 'create':
    case 'update':
    case 'read':
      return key;
    case 'no-op':
    case '':
      return undefined;
    default:
      throw new StepError('TERRAFORM_FAILED', `The plan has an action Terraform does not document: ${key}.`);
  }
}

export function plannedChanges(showJson: string): PlannedChange[] {
  let plan: unknown;
  try {
    plan = JSON.parse(showJson);
  } catch (cause) {
    throw new StepError('TERRAFORM_FAILED', 'terraform show -json did not print JSON.', { cause });
  }
  const resourceChanges = (plan as { resource_changes?: unknown }).resource_changes ?? [];
  if (!Array.isArray(resourceChanges)) {
    throw new StepError('TERRAFORM_FAILED', 'terraform show -json has no resource_changes list.');
  }
  const changes: PlannedChange[] = [];
  for (const entry of resourceChanges as { address?: unknown; change?: { actions?: unknown } }[]) {
    const actions = entry.change?.actions;
    if (typeof entry.address !== 'string' || !Array.isArray(actions)) {
      throw new StepError(
        'TERRAFORM_FAILED',
        'terraform show -json has a resource change without address or actions.',
      );
    }
    const action = actionOf(actions.map(String));
    if (action !== undefined) changes.push({ address: entry.address, action });
  }
  return changes.sort(
    (a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action) || a.address.localeCompare(b.address),
  );
}

/** Deletions and replacements are marked, so they stand out in a summary table. */
export function isDestructive(change: PlannedChange): boolean {
  return change.action === 'delete' || change.action === 'replace';
}

/** Rows of the summary table: header, then one row per change. */
export function changeRows(changes: readonly PlannedChange[]): string[][] {
  return [
    ['Address', 'Action'],
    ...changes.map((c) => [c.address, isDestructive(c) ? `⚠️ ${c.action}` : c.action]),
  ];
}

/**
 * What a saved plan would do, as one SHA-256: every resource change but no-ops (address,
 * actions, the values before and after, which values are known only at apply), in address
 * order, as JSON with sorted keys. The plan shown before approval and the one made after it
 * have the same digest exactly when they would make the same changes from the same state.
 */
export function planDigest(showJson: string): string {
  const plan = JSON.parse(showJson) as {
    resource_changes?: {
      address: string;
      change: { actions: string[]; before?: unknown; after?: unknown; after_unknown?: unknown };
    }[];
  };
  const changes = (plan.resource_changes ?? [])
    .filter((c) => actionOf(c.change.actions) !== undefined)
    .map((c) => ({
      address: c.address,
      actions: c.change.actions,
      before: c.change.before ?? null,
      after: c.change.after ?? null,
      after_unknown: c.change.after_unknown ?? null,
    }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return createHash('sha256').update(canonicalJson(changes)).digest('hex');
}

export function checkDigest(value: string): string {
  if (!/^[0-9a-f]{64}$/.test(value)) {
    throw new StepError(
      'INVALID_INPUT',
      `Input 'approved_digest' must be the plan digest (64 hex) the plan job printed (got '${value}').`,
    );
  }
  return value;
}

/** JSON with object keys sorted, so equal values always give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
