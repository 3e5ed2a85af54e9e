/**
 * `npm run build:lambda`: writes lambda/dist/handler.mjs (uploads) and
 * lambda/dist/gold-handler.mjs (the gold run), what the image copies in.
 */
import { BUNDLE_FILE, bundleLambda, GOLD_BUNDLE_FILE, GOLD_ENTRY, LAMBDA_ENTRY } from './lib/bundle.js';

for (const [outfile, entry] of [
  [BUNDLE_FILE, LAMBDA_ENTRY],
  [GOLD_BUNDLE_FILE, GOLD_ENTRY],
] as const) {
  const { file, bytes } = await bundleLambda(process.cwd(), outfile, entry);
  console.log(`${file}: ${(bytes / 1024).toFixed(0)} KiB`);
}
