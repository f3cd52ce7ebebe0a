/**
 * How the numbers of a column are written: the decimal mark and the digit-group separator
 * (`1,721,992,142.283` in a legacy Grafana export, `1.234,5` or `1234,5` from a European spreadsheet,
 * `1 234,5`, `1'234.5`). One cell rarely decides (`1,234` is 1234 in English and 1.234 in German), so
 * the style is read from a whole column; a column whose cells never decide is an error, not a guess.
 */

export interface NumberStyle {
  decimal: '.' | ',';
  /** Digit-group separator; '' when the column does not group digits. */
  group: '' | ',' | '.' | ' ' | "'";
}

export const PLAIN_NUMBERS: NumberStyle = { decimal: '.', group: '' };

export type NumberStyleDecision =
  | { style: NumberStyle }
  /** Cells decide for two incompatible styles: the indices of the first cell of each. */
  | { conflict: [number, number] }
  /** No cell decides and some cell reads differently under the candidate styles. */
  | { ambiguous: number };

const SIGN = String.raw`[+-]?`;
const PLAIN = new RegExp(String.raw`^${SIGN}(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$`, 'i');
/** `1,234,567` or `1,234.5`: English grouping (two groups, or a group and a decimal point). */
const EN_GROUPED = new RegExp(String.raw`^${SIGN}\d{1,3}(?:(?:,\d{3}){2,}(?:\.\d+)?|,\d{3}\.\d+)$`);
/** `1.234.567` or `1.234,5`: German grouping. */
const DE_GROUPED = new RegExp(String.raw`^${SIGN}\d{1,3}(?:(?:\.\d{3}){2,}(?:,\d+)?|\.\d{3},\d+)$`);
/** One comma that cannot be English grouping: `1234,5`, `0,25`, `12,5`. */
const DECIMAL_COMMA = new RegExp(String.raw`^${SIGN}\d*,\d+$`);
/** `1,234`: English grouping or a German decimal comma. */
const COMMA_THREE = new RegExp(String.raw`^${SIGN}\d{1,3},\d{3}$`);
/** `1 234 567,5` with a space, no-break space or narrow no-break space. */
const SPACE_GROUPED = new RegExp(String.raw`^${SIGN}\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$`);
/** `1'234'567.5` (Swiss). */
const APOSTROPHE_GROUPED = new RegExp(String.raw`^${SIGN}\d{1,3}(?:'\d{3})+(?:\.\d+)?$`);

type Evidence = 'en' | 'de' | 'space-dot' | 'space-comma' | 'apostrophe' | 'comma-three' | 'none';

function cellEvidence(cell: string): Evidence {
  if (PLAIN.test(cell)) return 'none';
  if (EN_GROUPED.test(cell)) return 'en';
  if (DE_GROUPED.test(cell)) return 'de';
  if (COMMA_THREE.test(cell)) return 'comma-three';
  if (DECIMAL_COMMA.test(cell)) return 'de';
  if (SPACE_GROUPED.test(cell)) return cell.includes(',') ? 'space-comma' : 'space-dot';
  if (APOSTROPHE_GROUPED.test(cell)) return 'apostrophe';
  return 'none';
}

const STYLES: Record<Exclude<Evidence, 'comma-three' | 'none'>, NumberStyle> = {
  en: { decimal: '.', group: ',' },
  de: { decimal: ',', group: '.' },
  'space-dot': { decimal: '.', group: ' ' },
  'space-comma': { decimal: ',', group: ' ' },
  apostrophe: { decimal: '.', group: "'" },
};

/**
 * The style of a column of number cells (already trimmed; gaps and units are the caller's business).
 * A space-grouped column may also write its decimals with either mark; those two agree.
 */
export function detectNumberStyle(cells: readonly string[]): NumberStyleDecision {
  let decided: { evidence: Evidence; index: number } | null = null;
  let firstAmbiguous = -1;
  for (let i = 0; i < cells.length; i++) {
    const evidence = cellEvidence(cells[i] as string);
    if (evidence === 'none') continue;
    if (evidence === 'comma-three') {
      if (firstAmbiguous < 0) firstAmbiguous = i;
      continue;
    }
    if (decided === null) decided = { evidence, index: i };
    else if (!compatible(decided.evidence, evidence)) return { conflict: [decided.index, i] };
  }
  if (decided === null) return firstAmbiguous < 0 ? { style: PLAIN_NUMBERS } : { ambiguous: firstAmbiguous };
  const style = STYLES[decided.evidence as keyof typeof STYLES];
  // A `1,234` cell is German under a decimal comma and English under comma grouping: both fine.
  return { style };
}

function compatible(a: Evidence, b: Evidence): boolean {
  if (a === b) return true;
  const spaced = (e: Evidence): boolean => e === 'space-dot' || e === 'space-comma';
  return spaced(a) && spaced(b);
}

/** A cell → number under a style; null when it is not a number written that way. */
export function parseStyledNumber(text: string, style: NumberStyle): number | null {
  const cell = text.trim();
  if (style.group === '' && style.decimal === '.') return PLAIN.test(cell) ? Number(cell) : null;
  const [integer = '', ...decimals] = cell.split(style.decimal);
  if (decimals.length > 1) return null;
  const sign = /^[+-]/.test(integer) ? (integer[0] as string) : '';
  let digits = integer.slice(sign.length);
  if (style.group !== '') {
    const groups = digits.split(style.group === ' ' ? /[ \u00a0\u202f]/ : style.group);
    if (groups.length > 1 && !/^\d{1,3}$/.test(groups[0] as string)) return null;
    if (groups.slice(1).some((group) => !/^\d{3}$/.test(group))) return null;
    digits = groups.join('');
  }
  const body = sign + digits + (decimals.length > 0 ? `.${decimals[0] as string}` : '');
  return PLAIN.test(body) ? Number(body) : null;
}
