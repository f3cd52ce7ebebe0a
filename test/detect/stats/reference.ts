/** The pyMannKendall reference vectors (test/fixtures/mk-reference, see SOURCES.md there). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export interface ReferenceOutput {
  p: number | null;
  z: number | null;
  Tau?: number;
  s?: number;
  var_s?: number;
  slope: number;
  intercept: number;
}

export interface ReferenceCase {
  input: string;
  function: string;
  kwargs: { lag?: number; period?: number };
  computed_HEAD_ec2e3ab: ReferenceOutput;
}

interface ReferenceFile {
  inputs: Record<string, (number | null)[] | (number | null)[][]>;
  cases: ReferenceCase[];
}

export const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/mk-reference/pymannkendall_vectors.json', import.meta.url), 'utf8'),
) as ReferenceFile;

/** A 1-D reference input with null read as NaN (a gap). */
export function referenceInput(name: string): number[] {
  const raw = reference.inputs[name];
  if (raw === undefined) throw new Error(`no reference input ${name}`);
  return (raw as (number | null)[]).map((v) => (v === null ? NaN : v));
}

export function referenceCases(functionName: string): ReferenceCase[] {
  return reference.cases.filter((c) => c.function === functionName);
}

/** |actual − expected| ≤ tolerance·|expected| (exact when expected is 0). */
export function expectClose(actual: number, expected: number, tolerance = 1e-9): void {
  expect(Math.abs(actual - expected), `${actual} vs expected ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.abs(expected),
  );
}
