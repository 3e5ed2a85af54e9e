/**
 * Lambda entry point (the image's CMD is `handler.handler`). Configuration is read and
 * clients are created once, at cold start; a wrong environment fails here, naming the variable.
 */
import { createHandler } from './app.js';

export const handler = createHandler(process.env);
