/** Result → JSON (CONTRACT.md "Result JSON"): the Result as it is, two-space indented, newline-terminated. */

import type { Result } from '../model/result.js';

export function renderJson(result: Result): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
