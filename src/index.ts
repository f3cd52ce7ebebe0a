/** memautopsy's library API: analyze inputs into a Result, render it, and the types behind both. */

export { analyze, type AnalyzeOptions } from './pipeline.js';
export { render } from './report/index.js';
export {
  runBatch,
  startBatch,
  mergeBatches,
  type BatchOptions,
  type BatchOutcome,
  type BatchProgress,
  type BatchRun,
  type MergeOptions,
  type BatchSummary,
  type HostRow,
  type OkHostRow,
  type ErrorHostRow,
} from './batch/index.js';
export { InputError, UsageError } from './errors.js';
export { VERSION } from './version.js';
export type * from './model/result.js';
export type * from './model/finding.js';
export type * from './model/series.js';
export type * from './model/slab.js';
export type * from './model/snapshot.js';
export type * from './model/warning.js';
