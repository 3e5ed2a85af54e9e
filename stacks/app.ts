import { App } from 'cdktf';
import { BootstrapStack } from './bootstrap-stack.js';
import { BOOTSTRAP, getEnvironment, validateBootstrap } from './config/environments.js';
import type { SynthInputs } from './config/inputs.js';
import { imageUriFor } from './config/inputs.js';
import type { PipelineState } from './pipeline-stack.js';
import { PipelineStack } from './pipeline-stack.js';

/** Local state of the emulator target, in the project root (ignored by git). */
export const EMULATOR_STATE_PATH = '../../../terraform.emulator.tfstate';
/** State of a stack applied into the emulator (APPLY_INTO_EMULATOR): in its own directory. */
export const APPLIED_STATE_PATH = 'terraform.tfstate';

/**
 * Adds the stacks the inputs ask for to `app`. Importable by tests and the synth benchmark;
 * only stacks/main.ts calls it on a real App and synthesizes.
 */
export function buildStacks(
  app: App,
  inputs: SynthInputs,
): { bootstrap?: BootstrapStack; pipelines: PipelineStack[] } {
  const intoEmulator = inputs.applyIntoEmulator;
  const bootstrap = inputs.bootstrap
    ? new BootstrapStack(app, {
        config: validateBootstrap(BOOTSTRAP),
        githubSubjectPrefix: inputs.githubOidcSubjectPrefix,
        stateBucket: inputs.stateBucket,
        localState: inputs.bootstrapLocalState,
        ...(intoEmulator ? { localStatePath: APPLIED_STATE_PATH, endpoint: intoEmulator } : {}),
      })
    : undefined;
  const pipelines = inputs.targets.map((target) => {
    const state: PipelineState =
      target === 'emulator'
        ? { kind: 'local', path: EMULATOR_STATE_PATH }
        : intoEmulator && inputs.emulatorState === 'local'
          ? { kind: 'local', path: APPLIED_STATE_PATH }
          : {
              kind: 's3',
              bucket: inputs.stateBucket,
              region: inputs.stateRegion,
              ...(intoEmulator ? { endpoint: intoEmulator } : {}),
            };
    return new PipelineStack(app, {
      config: getEnvironment(target),
      imageUri: imageUriFor(inputs, target),
      ...(inputs.commit !== undefined ? { commit: inputs.commit } : {}),
      state,
      ...(target === 'emulator'
        ? { endpoint: inputs.emulatorEndpoint }
        : intoEmulator
          ? { endpoint: intoEmulator }
          : {}),
    });
  });
  return { ...(bootstrap ? { bootstrap } : {}), pipelines };
}

export function createApp(inputs: SynthInputs, outdir?: string): App {
  const app = new App({ ...(outdir ? { outdir } : {}), skipValidation: false });
  buildStacks(app, inputs);
  return app;
}
