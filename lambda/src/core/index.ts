/** Public surface of the domain core. Pure: no AWS, no file system, no environment. */

export { DEFAULT_MAX_REJECTED_SHARE } from './defaults.js';
export type { EngineOptions } from './engine.js';
export { ExportEngine } from './engine.js';
export type { Checked, FileRejectionCode, RowIssue, RowIssueCode, SkipReason } from './errors.js';
export {
  FILE_REJECTION_CODES,
  FileRejectedError,
  isFileRejectedError,
  ROW_ISSUE_CODES,
  SKIP_REASONS,
} from './errors.js';
export type { AssumedUnits, UnitDefaults } from './formats/assumed-units.js';
export { DEFAULT_UNITS } from './formats/assumed-units.js';
export { CANONICAL_COLUMNS } from './formats/canonical.js';
export { knownFormatsText } from './formats/index.js';
export type { FormatName, Session, SessionFields, SetType, WorkoutSet } from './model.js';
export { FORMAT_NAMES, SET_TYPES } from './model.js';
export type { ByteSource, PipelineOptions, PipelineResult } from './pipeline.js';
export {
  collectExport,
  PipelineAbortedError,
  processExport,
  summarizeExport,
  validateOptions,
} from './pipeline.js';
export type { ExportReport } from './report.js';
export { contentHash, finishSession, sessionId } from './session-identity.js';
