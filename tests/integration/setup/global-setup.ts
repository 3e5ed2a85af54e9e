/**
 * Vitest global setup for the integration project: finds or starts the AWS emulator once
 * for the whole run and hands its endpoint to the test workers (emulator-env.ts).
 */
import type { TestProject } from 'vitest/node';
import { startEmulator } from '../../../scripts/lib/emulator.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulator = await startEmulator({ onProgress: (line) => console.log(`[emulator] ${line}`) });
  project.provide('emulator', { endpoint: emulator.endpoint, region: emulator.region, kind: emulator.kind });
  return () => emulator.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    emulator: { endpoint: string; region: string; kind: 'moto' | 'external' };
  }
}
