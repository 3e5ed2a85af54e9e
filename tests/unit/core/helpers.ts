import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectExport, type PipelineOptions } from '../../../lambda/src/core/index.js';

export const fixture = (name: string): Uint8Array =>
  readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));

export const OPTIONS: PipelineOptions = { athlete: 'ann', timezone: 'Europe/Berlin', maxRejectedShare: 0.5 };

/** Feeds the bytes in small chunks, so every test also crosses chunk boundaries. */
export const chunked = (bytes: Uint8Array, size = 37): Uint8Array[] => {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
};

export const text = (value: string): Uint8Array => new TextEncoder().encode(value);

export const run = (input: Uint8Array | string, options: Partial<PipelineOptions> = {}) =>
  collectExport(chunked(typeof input === 'string' ? text(input) : input), { ...OPTIONS, ...options });
