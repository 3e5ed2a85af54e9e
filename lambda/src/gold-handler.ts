/**
 * The gold run's Lambda entry point: the same image as uploads, selected by the function's
 * image command (`gold-handler.handler`). Run once a day by EventBridge Scheduler and on
 * demand by reprocess.yml or `npm run report` (docs/gold.md).
 */
import { createGoldHandler } from './gold-app.js';

export const handler = createGoldHandler(process.env);
