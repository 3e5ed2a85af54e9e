/**
 * The `--timezone TZ` option the command lines share (`npm run process`, `npm start`):
 * one check and one message, so both accept and refuse the same zones.
 */
import { isValidTimezone } from '../../lambda/src/core/dates.js';

export const TIMEZONE_OPTION_HELP = 'IANA timezone of the local times in the files';

/** Why `value` cannot be a --timezone, or undefined when it is an IANA timezone. */
export function timezoneOptionProblem(value: string): string | undefined {
  return isValidTimezone(value)
    ? undefined
    : `--timezone '${value}' is not an IANA timezone (like Europe/Berlin)`;
}
