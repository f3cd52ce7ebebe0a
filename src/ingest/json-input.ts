/**
 * JSON inputs (Prometheus, Datadog, New Relic, CloudWatch API responses): parse with JSON.parse, and on
 * failure find the line of the first syntax error (V8's message does not always give a position).
 */

import { InputError, messages } from '../errors.js';

/** Parse JSON text; InputError 'bad-json' with the line of the first syntax error. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const line = text.slice(0, offset).split('\n').length;
    const reason =
      offset >= text.trimEnd().length
        ? 'it ends too early'
        : `unexpected "${text.slice(offset, offset + 20).split('\n')[0]}"`;
    throw new InputError(
      'bad-json',
      messages.badJson(error instanceof SyntaxError ? reason : String(error)),
      file,
      line,
    );
  }
}

/** Offset of the first character where `text` stops being valid JSON (text.length when it ends too early). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const literal = (word: string): boolean => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return true;
    }
    return false;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    i++;
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return true;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else return false;
      } else if (ch < ' ') return false;
      else i++;
    }
    return false;
  };
  const number = (): boolean => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (match === null) return false;
    i += match[0].length;
    return true;
  };
  const value = (depth: number): boolean => {
    if (depth > 10_000) return false;
    skip();
    const ch = text[i];
    if (ch === '{') {
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return true;
      }
      for (;;) {
        skip();
        if (!string()) return false;
        skip();
        if (text[i] !== ':') return false;
        i++;
        if (!value(depth + 1)) return false;
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] !== '}') return false;
        i++;
        return true;
      }
    }
    if (ch === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return true;
      }
      for (;;) {
        if (!value(depth + 1)) return false;
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] !== ']') return false;
        i++;
        return true;
      }
    }
    if (ch === '"') return string();
    return literal('true') || literal('false') || literal('null') || number();
  };
  if (!value(0)) return Math.min(i, text.length);
  skip();
  return i;
}

/** A JSON object's own property, when the value is an object (not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The 1-based line where `needle` (a value as JSON writes it) first occurs in the text, else 1. JSON
 * values carry no position once parsed; the first occurrence of the offending value is the line a user
 * needs (API responses are often one line, where this is 1 anyway).
 */
export function lineOf(text: string, value: unknown): number {
  const needles = [JSON.stringify(value), JSON.stringify(value, null, 1)]
    .filter((needle): needle is string => typeof needle === 'string')
    .map((needle) => needle.split('\n')[0] as string);
  for (const needle of needles) {
    const index = text.indexOf(needle);
    if (index >= 0) return text.slice(0, index).split('\n').length;
  }
  return 1;
}
