/**
 * Entry of `npm run report -- --date YYYY-MM-DD [options] [FILE...]`: the main job (npm
 * start) with its gold phase reprocessing that date, on the embedded emulator. The date is
 * required: without it this would be npm start.
 */
import { run } from './main-job/run.js';

const argv = process.argv.slice(2);
const named = argv.some((a) => a === '--date' || a.startsWith('--date=') || a === '--help' || a === '-h');
if (named) {
  process.exitCode = await run(argv);
} else {
  process.stderr.write(
    'npm run report: name the day to reprocess, e.g. npm run report -- --date 2024-09-18 (a day of the samples); npm start runs the daily gold run instead.\n',
  );
  process.exitCode = 1;
}
// An SDK keep-alive socket to an emulator left running must not hold the terminal.
setTimeout(() => process.exit(), 2_000).unref();
