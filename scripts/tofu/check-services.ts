/**
 * Checks that the reduced AWS provider built by scripts/tofu/setup.sh serves every resource and
 * data source type the synthesized stacks use.
 *
 *   npx tsx scripts/tofu/check-services.ts [--stacks cdktf.out/stacks] [--tools <cache>/tools.json]
 *
 * Source of truth for what the provider serves: its own schema, read with
 * `tofu providers schema -json` in a scratch dir that `tofu init` fills from the offline mirror
 * (tools.json from setup.sh names tofu, the CLI config and the mirror version). For a missing type
 * the provider source (the pinned module in the Go module cache) tells which service package
 * would serve it. Exits 1 naming each missing type.
 *
 * Also lists, without failing, the API clients that kept packages create for service packages
 * that are not kept: those calls fail at apply ("unknown service package"), so each must be on a
 * path the stacks never take (see tools/aws-provider/services.txt).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PROVIDER_TOOLS = join(ROOT, 'tools/aws-provider');
const PROVIDER_MODULE = 'github.com/hashicorp/terraform-provider-aws';
/** Types of OpenTofu's built-in provider: no provider package needed. */
const BUILTIN_PREFIX = 'terraform_';

interface Tools {
  tofu: string;
  tofuVersion: string;
  providerVersion: string;
  cliConfig: string;
}

type Kind = 'resource' | 'data';

function args(argv: readonly string[]): { stacks: string; tools: string } {
  const cache = process.env.WORKOUT_TOOLS_CACHE || join(homedir(), '.cache/workout-pipeline');
  const out = { stacks: join(ROOT, 'cdktf.out/stacks'), tools: join(cache, 'tools.json') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === '--stacks' || flag === '--tools') && value !== undefined) {
      out[flag === '--stacks' ? 'stacks' : 'tools'] = resolve(value);
      i++;
    } else {
      throw new Error(`unknown argument ${flag} (usage: check-services.ts [--stacks DIR] [--tools FILE])`);
    }
  }
  return out;
}

/** type -> kind -> stacks using it, from every <stacks>/<stack>/cdk.tf.json */
function stackTypes(stacksDir: string): Used {
  const types: Used = new Map();
  const stacks = existsSync(stacksDir)
    ? readdirSync(stacksDir).filter((s) => existsSync(join(stacksDir, s, 'cdk.tf.json')))
    : [];
  if (stacks.length === 0) {
    throw new Error(`no ${stacksDir}/*/cdk.tf.json: synthesize first (npx tsx stacks/main.ts)`);
  }
  for (const stack of stacks.sort()) {
    const tf = JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as {
      resource?: Record<string, unknown>;
      data?: Record<string, unknown>;
    };
    for (const [kind, block] of [
      ['resource', tf.resource],
      ['data', tf.data],
    ] as const) {
      for (const type of Object.keys(block ?? {})) {
        const key = `${kind} ${type}`;
        const entry = types.get(key) ?? { kind, stacks: [] };
        entry.stacks.push(stack);
        types.set(key, entry);
      }
    }
  }
  return types;
}

/** The provider's own schema: resource and data source type names. */
function servedTypes(tools: Tools): { resource: Set<string>; data: Set<string> } {
  const dir = mkdtempSync(join(tmpdir(), 'check-services-'));
  try {
    writeFileSync(
      join(dir, 'main.tf.json'),
      JSON.stringify({
        terraform: {
          required_providers: { aws: { source: 'hashicorp/aws', version: tools.providerVersion } },
        },
      }),
    );
    const env = { ...process.env, TF_CLI_CONFIG_FILE: tools.cliConfig, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
    const run = (...tofuArgs: string[]) =>
      execFileSync(tools.tofu, tofuArgs, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
    run('init', '-input=false', '-no-color', '-backend=false');
    const schema = JSON.parse(run('providers', 'schema', '-json')) as {
      provider_schemas?: Record<
        string,
        { resource_schemas?: Record<string, unknown>; data_source_schemas?: Record<string, unknown> }
      >;
    };
    const entry = Object.entries(schema.provider_schemas ?? {}).find(([addr]) =>
      addr.endsWith('/hashicorp/aws'),
    );
    if (!entry) throw new Error('tofu providers schema -json has no hashicorp/aws provider');
    return {
      resource: new Set(Object.keys(entry[1].resource_schemas ?? {})),
      data: new Set(Object.keys(entry[1].data_source_schemas ?? {})),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pinned provider module's source dir in the Go module cache, or undefined. */
function providerSource(): string | undefined {
  try {
    const dir = execFileSync('go', ['list', '-m', '-f', '{{.Dir}}', PROVIDER_MODULE], {
      cwd: PROVIDER_TOOLS,
      env: { ...process.env, GOFLAGS: '-mod=readonly', GOTOOLCHAIN: 'local' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dir && existsSync(join(dir, 'internal/service')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** `${kind} ${type}` -> service package, from each internal/service/<pkg>/service_package_gen.go */
function typeOwners(source: string): Map<string, string> {
  const owners = new Map<string, string>();
  const serviceDir = join(source, 'internal/service');
  for (const pkg of readdirSync(serviceDir)) {
    const file = join(serviceDir, pkg, 'service_package_gen.go');
    if (!existsSync(file)) continue;
    // One generated method per kind: FrameworkResources, SDKDataSources, ...; list resources,
    // ephemeral resources and actions are other kinds.
    for (const method of readFileSync(file, 'utf8')
      .split(/\nfunc \(p \*servicePackage\) /)
      .slice(1)) {
      const name = method.slice(0, method.indexOf('('));
      const kind: Kind | undefined = /^(Framework|SDK)DataSources$/.test(name)
        ? 'data'
        : /^(Framework|SDK)Resources$/.test(name)
          ? 'resource'
          : undefined;
      if (!kind) continue;
      for (const m of method.matchAll(/TypeName:\s+"(\w+)"/g)) owners.set(`${kind} ${m[1]}`, pkg);
    }
  }
  return owners;
}

function keptServices(): Set<string> {
  const text = readFileSync(join(PROVIDER_TOOLS, 'services.txt'), 'utf8');
  return new Set(
    text
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim().split(/\s+/)[0])
      .filter((s): s is string => Boolean(s)),
  );
}

/** API clients that kept packages create for packages that are not kept: "<pkg> <- file:line". */
function crossServiceClients(source: string, kept: Set<string>): Map<string, string[]> {
  // AWSClient.<Name>Client(ctx) -> service package, from internal/conns/awsclient_gen.go and names.
  const gen = readFileSync(join(source, 'internal/conns/awsclient_gen.go'), 'utf8');
  const consts = readFileSync(join(source, 'names/consts_gen.go'), 'utf8');
  const constValue = new Map([...consts.matchAll(/^\s+(\w+)\s+= "([a-z0-9]+)"$/gm)].map((m) => [m[1], m[2]]));
  const methodPkg = new Map<string, string>();
  for (const m of gen.matchAll(
    /func \(c \*AWSClient\) (\w+Client)\(ctx context\.Context\)[^{]*\{[^}]*?names\.(\w+)/g,
  )) {
    const pkg = constValue.get(m[2] ?? '');
    if (m[1] && pkg) methodPkg.set(m[1], pkg);
  }
  const out = new Map<string, string[]>();
  for (const pkg of kept) {
    const dir = join(source, 'internal/service', pkg);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const m of line.matchAll(/\.(\w+Client)\(ctx\)/g)) {
          const target = methodPkg.get(m[1] ?? '');
          if (target && !kept.has(target)) {
            const where = out.get(target) ?? [];
            where.push(`${pkg}/${file}:${i + 1}`);
            out.set(target, where);
          }
        }
      });
    }
  }
  return out;
}

type Used = Map<string, { kind: Kind; stacks: string[] }>;

/** Splits the stacks' types into aws types the provider lacks and types of other providers. */
function classify(used: Used, served: { resource: Set<string>; data: Set<string> }) {
  const missing: string[] = [];
  const otherProviders: string[] = [];
  for (const [key, { kind, stacks }] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
    const type = key.slice(key.indexOf(' ') + 1);
    if (type.startsWith(BUILTIN_PREFIX)) continue;
    if (!type.startsWith('aws_')) otherProviders.push(`${key} (${stacks.join(', ')})`);
    else if (!served[kind].has(type)) missing.push(key);
  }
  return { missing, otherProviders };
}

function ownerHint(owner: string | undefined, kept: Set<string>, haveSource: boolean): string {
  if (owner && kept.has(owner))
    return `served by kept service package '${owner}', yet not in the schema: rebuild?`;
  if (owner) return `served by service package '${owner}': add it to tools/aws-provider/services.txt`;
  if (haveSource)
    return `no service package of ${PROVIDER_MODULE} serves it (misspelt, or newer than the pin?)`;
  return 'service package unknown (the pinned provider source is not in the Go module cache)';
}

function reportMissing(
  missing: readonly string[],
  used: Used,
  count: number,
  kept: Set<string>,
  source?: string,
) {
  const owners = source ? typeOwners(source) : new Map<string, string>();
  console.error(
    `check-services: ${missing.length} of ${count} aws types are not served by the reduced provider:`,
  );
  for (const key of missing) {
    console.error(
      `  ${key} (${used.get(key)?.stacks.join(', ')}): ${ownerHint(owners.get(key), kept, Boolean(source))}`,
    );
  }
}

function reportCrossServiceClients(source: string, kept: Set<string>) {
  const cross = crossServiceClients(source, kept);
  if (cross.size === 0) return;
  console.log(
    'check-services: note: kept packages create these API clients of packages not built in (fail at apply if reached; see services.txt):',
  );
  for (const [pkg, where] of [...cross].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${pkg}: ${where.join(', ')}`);
  }
}

function main(): number {
  const opts = args(process.argv.slice(2));
  if (!existsSync(opts.tools)) throw new Error(`no ${opts.tools}: run npm run tofu:setup first`);
  const tools = JSON.parse(readFileSync(opts.tools, 'utf8')) as Tools;
  const used = stackTypes(opts.stacks);
  const served = servedTypes(tools);
  const { missing, otherProviders } = classify(used, served);
  const count = [...used.keys()].filter((k) => k.includes(' aws_')).length;
  console.log(
    `check-services: ${used.size} types in ${opts.stacks}; the reduced hashicorp/aws ${tools.providerVersion} serves ${served.resource.size} resource and ${served.data.size} data source types`,
  );

  const source = providerSource();
  const kept = keptServices();
  if (missing.length > 0) reportMissing(missing, used, count, kept, source);
  if (otherProviders.length > 0) {
    console.error(
      `check-services: types of providers other than hashicorp/aws (the offline mirror holds only aws):\n  ${otherProviders.join('\n  ')}`,
    );
  }
  if (missing.length === 0 && otherProviders.length === 0) {
    console.log(`check-services: OK, all ${count} aws resource and data source types are served`);
  }
  if (source) reportCrossServiceClients(source, kept);
  return missing.length > 0 || otherProviders.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`check-services: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
