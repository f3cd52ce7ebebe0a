/** Seeded randomness for detector tests (mulberry32; Box-Muller normals). */

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let r = Math.imul(state ^ (state >>> 15), 1 | state);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededNormal(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Stationary AR(1) noise e_t = φ·e_{t−1} + N(0, 1), started from its stationary distribution. */
export function ar1Noise(n: number, phi: number, seed: number): Float64Array {
  const normal = seededNormal(seed);
  const out = new Float64Array(n);
  let e = normal() / Math.sqrt(1 - phi * phi);
  for (let i = 0; i < n; i++) {
    e = phi * e + normal();
    out[i] = e;
  }
  return out;
}
