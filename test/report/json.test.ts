import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { schemaErrors } from '../helpers/cli.js';
import { reclaimableCacheResult } from './fixtures.js';

describe('renderJson', () => {
  it('writes the Result as indented JSON that round-trips and meets the contract schema', () => {
    const result = reclaimableCacheResult();
    const json = renderJson(result);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "schemaVersion": 1,');
    const parsed: unknown = JSON.parse(json);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(result)));
    expect(schemaErrors(parsed)).toBeNull();
  });
});
