/** Small numeric helpers safe on arrays of any length (spreading a large array into Math.max overflows the stack). */

/** Largest value, or -Infinity for an empty input. */
export function maxOf(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > max) max = values[i] as number;
  return max;
}

/** Smallest value, or Infinity for an empty input. */
export function minOf(values: ArrayLike<number>): number {
  let min = Infinity;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) < min) min = values[i] as number;
  return min;
}
