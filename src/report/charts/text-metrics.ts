/**
 * Text widths for charts rendered without a canvas. Vega then guesses 0.8 em per character, which
 * overestimates DejaVu Sans by about a third: legends and labels were cut short ("Reclaimable (freed…")
 * and tick labels thinned out. These are DejaVu Sans' own advance widths (the font the report names
 * and fonts-dejavu-core installs), read from the hmtx table of DejaVuSans.ttf and DejaVuSans-Bold.ttf
 * (2048 units per em) for ASCII and the symbols the report draws; other characters count 0.62 em.
 */

/** The characters measured, in the order of the width lists. */
const CHARACTERS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~−–—…→·≥≤▲▼◆σταβ×⌊⌋₀₁₂₃₄₅₆₇₈₉°µ’“”‘';
/** Advance widths in thousandths of an em, regular and bold. */
const REGULAR_WIDTHS =
  '318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838,838,500,1000,1000,838,318,838,838,769,769,769,634,602,659,638,838,390,390,401,401,401,401,401,401,401,401,401,401,500,636,318,518,518,318';
const BOLD_WIDTHS =
  '348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,696,696,696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,372,775,637,995,837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,500,500,675,716,593,716,678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,478,712,652,924,645,652,582,712,365,712,838,838,500,1000,1000,838,380,838,838,769,769,769,779,638,687,716,838,457,457,438,438,438,438,438,438,438,438,438,438,500,736,380,657,657,380';
/** Width of a character not in the table, in em (DejaVu Sans' mean lowercase advance). */
const FALLBACK_EM = 0.62;

function table(widths: string): Map<string, number> {
  const ems = widths.split(',').map((w) => Number(w) / 1000);
  return new Map([...CHARACTERS].map((c, i) => [c, ems[i] as number]));
}

const REGULAR = table(REGULAR_WIDTHS);
const BOLD = table(BOLD_WIDTHS);

/** Width in pixels of `text` in DejaVu Sans at `fontSizePx`. */
export function textWidthPx(text: string, fontSizePx: number, bold = false): number {
  const widths = bold ? BOLD : REGULAR;
  let em = 0;
  for (const c of text) em += widths.get(c) ?? FALLBACK_EM;
  return em * fontSizePx;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

/**
 * A `vega.textMetrics.width` replacement: the text's width, at most the item's `limit` (Vega cuts
 * longer text to the limit with an ellipsis, so that is the width it then takes).
 */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const value = text === null || text === undefined ? '' : String(text).trim();
  const size = item.fontSize !== undefined && item.fontSize !== null ? Number(item.fontSize) || 0 : 11;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600);
  const width = textWidthPx(value, size, bold);
  const limit = Number(item.limit);
  return limit > 0 && width > limit ? limit : width;
}
