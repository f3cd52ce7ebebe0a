/**
 * Findings: what the detectors saw, as a closed union on `kind` (CONTRACT.md). Renderers switch on
 * `kind`, never on the detector that produced a finding. Times are ISO 8601 UTC strings.
 */

export interface TrendFinding {
  kind: 'monotonic-growth' | 'monotonic-decline';
  series: string;
  start: string;
  end: string;
  /** Sen's slope; present for byte series (or percent series when a total is known). */
  slopeBytesPerHour?: number;
  /** Sen's slope for percent series without a known total. */
  slopePercentPerHour?: number;
  /** Two-sided Mann-Kendall p-value. */
  pValue: number;
  /** Kendall's tau (tau-a). */
  tau: number;
  /** Value of the Sen line at `start`, in the series' unit, so renderers can draw the trend line. */
  interceptAtStart: number;
}

export interface SawtoothFinding {
  kind: 'sawtooth';
  series: string;
  start: string;
  end: string;
  periodSeconds: number;
  cycles: number;
  amplitudeBytes?: number;
  amplitudePercent?: number;
  floorSlopeBytesPerHour?: number;
  floorSlopePercentPerHour?: number;
  /** Median drop (peak to the following trough), in the series' unit. */
  typicalDropBytes?: number;
  typicalDropPercent?: number;
  /** The cycles' peaks and troughs (time, value in the series' unit), for charts and the timeline. */
  peaks?: { at: string; value: number }[];
  troughs?: { at: string; value: number }[];
}

export interface StepFinding {
  kind: 'step-drop' | 'step-rise';
  series: string;
  at: string;
  magnitudeBytes?: number;
  magnitudePercent?: number;
  cause?: string;
}

export interface SlabGrowthFinding {
  kind: 'slab-growth';
  cache: string;
  growthBytesPerHour: number;
  reclaimable: boolean;
  /** Time of the first and last timed snapshot, and the cache's bytes in each. */
  start?: string;
  end?: string;
  startBytes?: number;
  endBytes?: number;
  /** Timed snapshots the rate comes from. */
  snapshots?: number;
}

export type Finding = TrendFinding | SawtoothFinding | StepFinding | SlabGrowthFinding;
export type FindingKind = Finding['kind'];
