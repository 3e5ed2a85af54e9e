/** `npm run build:lambda`: writes lambda/dist/handler.mjs (what the image copies in). */
import { bundleLambda } from './lib/bundle.js';

const { file, bytes } = await bundleLambda();
console.log(`${file}: ${(bytes / 1024).toFixed(0)} KiB`);
