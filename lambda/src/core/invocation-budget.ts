/**
 * How large an export one invocation of the function finishes within its timeout, from a
 * model of where the time goes (docs/infrastructure.md, "How large an upload fits"):
 *
 *   seconds per MB = 2 passes x (1 / core MB/s at the function's share of a vCPU)
 *                  + sessions per MB / 99 per round x round latency / rounds in flight
 *
 * Measured here: the core reads 8.9-10.2 MB/s on one core for every format (npm run
 * bench, docs/formats.md). Lambda gives a function memory/1769 of a vCPU (the core uses
 * one thread, so at most 1). The densest format has one session per row (MapMyFitness:
 * ~7,600 sessions per MB). A round is one BatchGetItem and, since each transaction also
 * marks the gold weeks its sessions touched, usually two TransactWriteItems (99 sessions
 * of a daily runner span 15 weeks: 115 items, over the limit of 100); 60 ms together is
 * an estimate for DynamoDB in the same region, not measured here (README, "Not verified
 * yet"). Only a share of the timeout is planned for, leaving room for cold
 * start, S3 latency and a slower file.
 */
export interface BudgetModel {
  readonly coreMBPerSecond: number;
  readonly memoryMbPerVcpu: number;
  readonly densestSessionsPerMB: number;
  readonly sessionsPerRound: number;
  readonly roundSeconds: number;
  readonly roundsInFlight: number;
  readonly shareOfTimeout: number;
}

export const BUDGET_MODEL: BudgetModel = {
  coreMBPerSecond: 9,
  memoryMbPerVcpu: 1769,
  densestSessionsPerMB: 7_600,
  sessionsPerRound: 99,
  roundSeconds: 0.06,
  roundsInFlight: 4,
  shareOfTimeout: 0.8,
};

/** Seconds the function needs per MB of the densest export at this memory size. */
export function secondsPerMB(memoryMb: number, model: BudgetModel = BUDGET_MODEL): number {
  const vcpu = Math.min(1, memoryMb / model.memoryMbPerVcpu);
  const core = 2 / (model.coreMBPerSecond * vcpu);
  const rounds = model.densestSessionsPerMB / model.sessionsPerRound;
  return core + (rounds * model.roundSeconds) / model.roundsInFlight;
}

/** The largest upload (bytes) one invocation is planned to finish: MAX_UPLOAD_BYTES. */
export function maxUploadBytes(
  memoryMb: number,
  timeoutSeconds: number,
  model: BudgetModel = BUDGET_MODEL,
): number {
  const mb = (timeoutSeconds * model.shareOfTimeout) / secondsPerMB(memoryMb, model);
  return Math.floor(mb) * 1024 * 1024;
}

/** The function's defaults (stacks/config FUNCTION_DEFAULTS): 1024 MB, 300 s. */
export const DEFAULT_MAX_UPLOAD_BYTES = maxUploadBytes(1024, 300);
