/** Pure configuration: importable without cdktf (the local run and scripts use it). */
export * from './environments.js';
export * from './errors.js';
export * from './inputs.js';
export * from './naming.js';
export * from './types.js';
