/**
 * Sample autocorrelation function, as pyMannKendall's `__acf` (and statsmodels' `acf` with
 * `adjusted=False`): mean removed, autocovariance at lag k = Σ y_t·y_{t+k} / n, divided by the lag-0
 * value. A constant series (zero variance) returns the raw autocovariances (all 0), as pyMannKendall does.
 *
 * Direct summation: O(n·maxLag). pyMannKendall's "all lags" default is therefore O(n²); the trend
 * detector bounds the lag count instead (see monotonic-growth.ts).
 */
export function autocorrelation(values: ArrayLike<number>, maxLag: number): Float64Array {
  const n = values.length;
  const lags = Math.max(0, Math.min(Math.floor(maxLag), n - 1));
  const result = new Float64Array(lags + 1);
  if (n === 0) return result;

  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  const centered = new Float64Array(n);
  for (let i = 0; i < n; i++) centered[i] = (values[i] as number) - mean;

  for (let lag = 0; lag <= lags; lag++) {
    let sum = 0;
    for (let t = 0; t + lag < n; t++) sum += (centered[t] as number) * (centered[t + lag] as number);
    result[lag] = sum / n;
  }
  const variance = result[0] as number;
  if (variance !== 0) for (let lag = 0; lag <= lags; lag++) result[lag] = (result[lag] as number) / variance;
  return result;
}
