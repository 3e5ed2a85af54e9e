import type { TerraformStack } from 'cdktf';
import { Testing } from 'cdktf';
import type { IConstruct } from 'constructs';

/** The parts of cdk.tf.json the tests read. */
export interface TfJson {
  readonly terraform: { readonly backend: Record<string, Record<string, unknown>> };
  readonly provider: { readonly aws: Record<string, unknown>[] };
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data: Record<string, Record<string, Record<string, unknown>>>;
  readonly output: Record<string, { value: string }>;
}

export interface Statement {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions?: string[];
  readonly resources?: string[];
  readonly not_resources?: string[];
  readonly principals?: { type: string; identifiers: string[] }[];
  readonly condition?: { test: string; variable: string; values: string[] }[];
}

export const DIGEST = `sha256:${'ab'.repeat(32)}`;
export const IMAGE = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/workout-pipeline-processor@${DIGEST}`;

export function synth(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

/** A new App for stacks under test (stubbed version, temp outdir). */
export function testApp() {
  return Testing.app();
}

/** Resources of a type, by logical id. */
export function resources(json: TfJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource[type] ?? {};
}

/** The one resource of `type` whose logical id starts with `idPrefix` (construct path with '_'). */
export function resource(
  json: TfJson,
  type: string,
  idPrefix: string,
): Record<string, unknown> & { id: string } {
  const matches = Object.entries(resources(json, type)).filter(([id]) => id.startsWith(idPrefix));
  if (matches.length !== 1) throw new Error(`expected one ${type} ${idPrefix}*, found ${matches.length}`);
  const [id, value] = matches[0] as [string, Record<string, unknown>];
  return { ...value, id };
}

/** Statements of the aws_iam_policy_document data source whose id starts with `idPrefix`. */
export function statements(json: TfJson, idPrefix: string): Statement[] {
  const docs = json.data.aws_iam_policy_document ?? {};
  const matches = Object.entries(docs).filter(([id]) => id.startsWith(idPrefix));
  if (matches.length !== 1)
    throw new Error(`expected one policy document ${idPrefix}*, found ${matches.length}`);
  return (matches[0]?.[1].statement ?? []) as Statement[];
}

/** `${<type>.<id>.<attr>}`, how synthesized JSON refers to another resource. */
export function ref(type: string, id: string, attr: string): string {
  return `\${${type}.${id}.${attr}}`;
}

/** Error annotations (added by aspects) anywhere under `scope`. Testing.synth must run first. */
export function synthErrors(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((n) => n.node.metadata)
    .filter((m) => m.type === '@cdktf/error')
    .map((m) => String(m.data));
}
