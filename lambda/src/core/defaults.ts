/** Defaults every reader of an export shares (the Lambda, `npm start`, the process CLI). */

/**
 * The share of rejected rows above which a whole file is refused, everywhere a file is read
 * (the Lambda, `npm start`, the process CLI): one file gets one answer. Half, because a real
 * export with a few odd rows must still go through, and a file where most rows fail is
 * more likely the wrong file or a broken one.
 */
export const DEFAULT_MAX_REJECTED_SHARE = 0.5;
