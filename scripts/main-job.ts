/** Entry of `npm start`: the logic lives in scripts/main-job/ (importable, tested). */
import { run } from './main-job/run.js';

process.exitCode = await run(process.argv.slice(2));
// An SDK keep-alive socket to an emulator left running must not hold the terminal.
setTimeout(() => process.exit(), 2_000).unref();
