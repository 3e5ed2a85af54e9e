/**
 * Bundles the Lambda into one ESM file with esbuild: every dependency inlined (the AWS SDK
 * v3 included, at the versions package-lock.json pins, rather than whatever the runtime
 * ships), so the image holds just this file and its source map.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';

export const LAMBDA_ENTRY = 'lambda/src/handler.ts';
export const BUNDLE_FILE = 'lambda/dist/handler.mjs';
/** The gold run's entry point: a second file in the same image, which its function's command selects. */
export const GOLD_ENTRY = 'lambda/src/gold-handler.ts';
export const GOLD_BUNDLE_FILE = 'lambda/dist/gold-handler.mjs';
/** The Lambda runtime of the image (lambda/Dockerfile); esbuild lowers syntax to it. */
export const LAMBDA_NODE_TARGET = 'node24';

export interface BundleResult {
  readonly file: string;
  readonly bytes: number;
  readonly metafile: Metafile;
}

export async function bundleLambda(
  projectRoot = process.cwd(),
  outfile = BUNDLE_FILE,
  entry = LAMBDA_ENTRY,
): Promise<BundleResult> {
  const file = resolve(projectRoot, outfile);
  await mkdir(dirname(file), { recursive: true });
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: [join(projectRoot, entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_NODE_TARGET,
    minify: true,
    sourcemap: true,
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
    // Some dependencies are CommonJS and call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  const { size } = await stat(file);
  return { file, bytes: size, metafile: result.metafile };
}

/** The largest inputs of a bundle, by bytes in the output, for the size report. */
export function largestInputs(metafile: Metafile, count = 8): { path: string; bytes: number }[] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = match?.[1] ?? 'lambda/src';
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage.entries()]
    .map(([path, bytes]) => ({ path, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}
