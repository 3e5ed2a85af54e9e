/**
 * Runs in every integration test worker before the tests: points the AWS SDK at the
 * emulator the global setup found or started, with dummy credentials unless real
 * emulator credentials were given.
 */
import { inject } from 'vitest';
import { emulatorEnv } from '../../../scripts/lib/emulator.js';

const emulator = inject('emulator');
Object.assign(process.env, emulatorEnv(emulator.endpoint, emulator.region, process.env));
