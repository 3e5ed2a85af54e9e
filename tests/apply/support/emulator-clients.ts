/**
 * SDK client settings for this test process against an emulator that serves HTTPS with its
 * own certificate (startEmulator({ tls: true })): child processes trust it through
 * NODE_EXTRA_CA_CERTS, which Node reads only at start, so clients here are given it.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { EMULATOR_CREDENTIALS, type Emulator } from '../../../scripts/lib/emulator.js';

export function trustingClientConfig(emulator: Emulator, region: string) {
  const ca = emulator.caBundle ? readFileSync(emulator.caBundle, 'utf8') : undefined;
  return {
    endpoint: emulator.endpoint,
    region,
    credentials: EMULATOR_CREDENTIALS,
    forcePathStyle: true,
    ...(ca ? { requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca }) }) } : {}),
  };
}
