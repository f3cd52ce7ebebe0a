/** Fleet mode: many hosts in one run (runBatch), shard outputs joined (mergeBatches), and their summary. */

export {
  runBatch,
  startBatch,
  DEFAULT_BATCH_FORMATS,
  HOST_SUMMARY_FILE,
  INDEX_FILE,
  SUMMARY_FILE,
  type BatchOptions,
  type BatchOutcome,
  type BatchProgress,
  type BatchRun,
} from './run.js';
export { mergeBatches, type MergeOptions } from './merge.js';
export { hostDirName, fnv1a32, shardOf, inShard, type Shard } from './host-name.js';
export {
  rankHosts,
  flagOutliers,
  robustZScores,
  OUTLIER_Z,
  type BatchSummary,
  type HostRow,
  type OkHostRow,
  type ErrorHostRow,
  type HostSparkline,
  type ReportFormat,
} from './summary.js';
