import { describe, expect, it } from 'vitest';
import { detectNumberStyle, parseStyledNumber, PLAIN_NUMBERS } from '../../src/normalize/numbers.js';

describe('detectNumberStyle', () => {
  it('reads the style from the cells that decide it', () => {
    expect(detectNumberStyle(['1', '2.5', '1e3'])).toEqual({ style: PLAIN_NUMBERS });
    expect(detectNumberStyle(['985,042', '1,721,992,142.283'])).toEqual({
      style: { decimal: '.', group: ',' },
    });
    expect(detectNumberStyle(['1.234,5', '12'])).toEqual({ style: { decimal: ',', group: '.' } });
    expect(detectNumberStyle(['12,5'])).toEqual({ style: { decimal: ',', group: '.' } });
    expect(detectNumberStyle(['1 234,5', '1 000 000'])).toEqual({ style: { decimal: ',', group: ' ' } });
    expect(detectNumberStyle(["1'234.5"])).toEqual({ style: { decimal: '.', group: "'" } });
  });

  it('says when no cell decides, or cells disagree', () => {
    expect(detectNumberStyle(['1', '1,234', '2,345'])).toEqual({ ambiguous: 1 });
    expect(detectNumberStyle(['1,234.5', '2.345,5'])).toEqual({ conflict: [0, 1] });
  });
});

describe('parseStyledNumber', () => {
  it('reads numbers in a style and refuses malformed groups', () => {
    expect(parseStyledNumber('1,721,992,142.283', { decimal: '.', group: ',' })).toBe(1721992142.283);
    expect(parseStyledNumber('-1.234,5', { decimal: ',', group: '.' })).toBe(-1234.5);
    expect(parseStyledNumber('1.100', { decimal: ',', group: '.' })).toBe(1100);
    expect(parseStyledNumber('1\u00a0234,5', { decimal: ',', group: ' ' })).toBe(1234.5);
    expect(parseStyledNumber('12,34,567', { decimal: '.', group: ',' })).toBeNull();
    expect(parseStyledNumber('0.5', { decimal: ',', group: '.' })).toBeNull();
    expect(parseStyledNumber('1,5,5', { decimal: ',', group: '.' })).toBeNull();
  });
});
