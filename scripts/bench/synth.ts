/**
 * Synth benchmark: how long `cdktf synth` spends in our app (all five stacks) next to an
 * empty cdktf App, measured in the same run, each in a fresh Node process (as the cdktf CLI
 * runs the app), alternating so machine noise hits both alike. Prints wall time and peak
 * memory per variant; the difference is what our stacks and provider imports cost. A third
 * variant imports @cdktf/provider-aws from its package root, to show what deep imports save.
 *
 *   npm run bench:synth            # 5 rounds
 *   BENCH_ROUNDS=10 npm run bench:synth
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

interface Sample {
  readonly ms: number;
  readonly maxRssMb: number;
}

const ROUNDS = Number.parseInt(process.env.BENCH_ROUNDS ?? '5', 10);
const root = fileURLToPath(new URL('../..', import.meta.url));
// Printed by every child on exit, so peak memory is the child's own.
const reportRss = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n'))`;
const cdktfUrl = import.meta.resolve('cdktf');
const providerRootUrl = import.meta.resolve('@cdktf/provider-aws');

const variants = {
  'empty App': (outdir: string) => [
    '--input-type=module',
    '-e',
    `const { App } = await import(${JSON.stringify(cdktfUrl)}); new App({ outdir: ${JSON.stringify(outdir)} }).synth();`,
  ],
  'all stacks': () => [join(root, 'stacks', 'main.ts')],
  // What every synth would pay if a file imported the provider from its package root.
  'empty App + provider root import': (outdir: string) => [
    '--input-type=module',
    '-e',
    `await import(${JSON.stringify(providerRootUrl)}); const { App } = await import(${JSON.stringify(cdktfUrl)}); new App({ outdir: ${JSON.stringify(outdir)} }).synth();`,
  ],
} as const;

function run(args: string[], outdir: string): Sample {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--import', reportRss, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDKTF_OUTDIR: outdir,
      PIPELINE_ENV: '',
      SYNTH_ALLOW_PLACEHOLDERS: 'true',
      GITHUB_REPOSITORY: process.env.GITHUB_REPOSITORY ?? 'bench-owner/bench-repo',
      CHECKPOINT_DISABLE: '1',
    },
  });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`synth failed (${child.status}):\n${child.stderr}`);
  const rssKb = Number(/MAXRSS (\d+)/.exec(child.stderr)?.[1] ?? Number.NaN);
  return { ms, maxRssMb: rssKb / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function outputSizeKb(outdir: string): { stacks: number; kb: number } {
  const stacksDir = join(outdir, 'stacks');
  const stacks = readdirSync(stacksDir);
  const bytes = stacks.reduce((sum, s) => sum + statSync(join(stacksDir, s, 'cdk.tf.json')).size, 0);
  return { stacks: stacks.length, kb: bytes / 1024 };
}

const samples: Record<keyof typeof variants, Sample[]> = {
  'empty App': [],
  'all stacks': [],
  'empty App + provider root import': [],
};
let lastOutdir = '';
for (let round = 0; round < ROUNDS; round++) {
  for (const name of Object.keys(variants) as (keyof typeof variants)[]) {
    const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
    samples[name].push(run([...variants[name](outdir)], outdir));
    if (name === 'all stacks') {
      if (lastOutdir) rmSync(lastOutdir, { recursive: true, force: true });
      lastOutdir = outdir;
    } else {
      rmSync(outdir, { recursive: true, force: true });
    }
  }
}

const output = outputSizeKb(lastOutdir);
rmSync(lastOutdir, { recursive: true, force: true });
const rows = (Object.keys(samples) as (keyof typeof variants)[]).map((name) => {
  const ms = samples[name].map((s) => s.ms);
  return {
    variant: name,
    'median ms': Math.round(median(ms)),
    'min ms': Math.round(Math.min(...ms)),
    'max ms': Math.round(Math.max(...ms)),
    'peak RSS MB': Math.round(median(samples[name].map((s) => s.maxRssMb))),
  };
});
console.log(
  `synth benchmark: ${ROUNDS} rounds, fresh node process each (node ${process.version}, tsx loader)`,
);
console.table(rows);
const [empty, all] = rows;
if (empty && all) {
  console.log(
    `our stacks add ${all['median ms'] - empty['median ms']} ms and ${all['peak RSS MB'] - empty['peak RSS MB']} MB ` +
      `over an empty App; output: ${output.stacks} stacks, ${output.kb.toFixed(0)} KiB of cdk.tf.json`,
  );
}
