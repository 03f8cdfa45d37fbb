// GS1 element strings: AI + value, AI + value, … with GS (the transmitted
// FNC1, 0x1D) after each variable-length value that is not the last. Values are
// checked against the AI table (length, characters, check digits, dates).
import { aiLengthForPrefix, aiSpecByNumber, charClasses, type AiSpec } from './ai';
import { hasValidCheckDigit } from './gtin';
import type { DecodeErrorCode, DecodeResult, Gs1Element, Gs1Form, Symbology } from './types';

export const GS = '\u001d';
const GS_CODE = 0x1d;

export type Problem = { error: DecodeErrorCode; detail: string; ai: string | null };

/** Per-decode state: "today" for the century rule, read at most once per scan. */
export type DecodeContext = { today: Date | undefined; year: number };

export function newContext(today: Date | undefined): DecodeContext {
  return { today, year: 0 };
}

// The clock's year, re-read at most once a minute: local-time getFullYear()
// costs more than decoding a whole element string.
let clockYear = 0;
let clockYearUntil = 0;

function currentYear(ctx: DecodeContext): number {
  if (ctx.year === 0) {
    if (ctx.today !== undefined) ctx.year = ctx.today.getFullYear();
    else {
      const now = Date.now();
      if (now >= clockYearUntil) {
        clockYear = new Date(now).getFullYear();
        clockYearUntil = now + 60_000;
      }
      ctx.year = clockYear;
    }
  }
  return ctx.year;
}

const problem = (error: DecodeErrorCode, ai: string | null, detail: string): Problem => ({ error, detail, ai });

const charsetNames: Record<number, string> = { 1: 'digits', 2: 'GS1 characters', 4: 'CSET 39', 8: 'base64url' };

/** A character for a message: printable as is, else as \xNN. */
function shown(code: number): string {
  return code >= 0x20 && code < 0x7f
    ? `"${String.fromCharCode(code)}"`
    : `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * GS1 §7.12: a two-digit year is taken in the century that puts it from 49
 * years before to 50 years after the current year.
 */
export function fullYear(yy: number, ctx: DecodeContext): number {
  const now = currentYear(ctx);
  const century = now - (now % 100);
  const diff = yy - (now % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const two = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);

/**
 * The YYMMDD date at `at` in `s` as 'YYYY-MM-DD', or null when it is no date.
 * With `dayZero`, day 00 stands for the last day of the month (GS1 AIs 11–17).
 */
export function gs1Date(s: string, at: number, dayZero: boolean, ctx: DecodeContext): string | null {
  const month = two(s, at + 2);
  let day = two(s, at + 4);
  if (month < 1 || month > 12) return null;
  const year = fullYear(two(s, at), ctx);
  const last = daysInMonth(year, month);
  if (day === 0 && dayZero) day = last;
  if (day < 1 || day > last) return null;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * Checks a whole value against its AI: length, characters part by part,
 * check digits and dates. Null when it is good.
 */
export function checkValue(spec: AiSpec, value: string, ctx: DecodeContext): Problem | null {
  const length = value.length;
  if (length < spec.min || length > spec.max) {
    const expected = spec.min === spec.max ? `${spec.max}` : `${spec.min} to ${spec.max}`;
    return problem('decode.badLength', spec.ai, `AI (${spec.ai}) holds ${expected} characters, got ${length}`);
  }
  let at = 0;
  for (const part of spec.parts) {
    if (at >= length && part.optional) break;
    const end = part.fixed ? at + part.max : length;
    if (end > length || end - at > part.max) {
      return problem('decode.badLength', spec.ai, `AI (${spec.ai}) has the wrong length (${length})`);
    }
    const set = part.charset;
    for (let i = at; i < end; i++) {
      const c = value.charCodeAt(i);
      if (c >= 128 || (charClasses[c]! & set) === 0) {
        return problem(
          'decode.badCharacter',
          spec.ai,
          `AI (${spec.ai}) allows ${charsetNames[part.charset]}, found ${shown(c)} at ${i + 1}`,
        );
      }
    }
    if (part.csum && !hasValidCheckDigit(value, at, end - at)) {
      return problem('decode.badCheckDigit', spec.ai, `AI (${spec.ai}) ${value.slice(at, end)}: wrong check digit`);
    }
    if (part.date !== 0 && gs1Date(value, at, part.date === 2, ctx) === null) {
      return problem('decode.badDate', spec.ai, `AI (${spec.ai}) ${value.slice(at, at + 6)} is not a date (YYMMDD)`);
    }
    at = end;
  }
  return null;
}

export type ParseOutcome = { elements: Gs1Element[]; problem: Problem | null };

/**
 * Reads the element string in `s` from `pos`. Predefined- and fixed-length
 * values are read by length (a GS after them is skipped); a variable-length
 * value runs to the next GS or the end of the data. Without GS — some wedge
 * scanners drop it — a following AI is read as part of the value: over-long
 * values then fail as decode.badLength rather than pass as a wrong lot.
 */
export function parseElementString(s: string, pos: number, ctx: DecodeContext): ParseOutcome {
  const elements: Gs1Element[] = [];
  const end = s.length;
  const fail = (p: Problem): ParseOutcome => ({ elements, problem: p });
  while (pos < end) {
    if (s.charCodeAt(pos) === GS_CODE) {
      pos++;
      continue;
    }
    const d0 = s.charCodeAt(pos) - 48;
    const d1 = pos + 1 < end ? s.charCodeAt(pos + 1) - 48 : -1;
    if (d0 < 0 || d0 > 9 || (pos + 1 < end && (d1 < 0 || d1 > 9))) {
      return fail(problem('decode.unknownAi', null, `expected an AI at ${pos + 1}, found "${s.slice(pos, pos + 4)}"`));
    }
    if (pos + 1 >= end) return fail(problem('decode.truncated', null, `data ends inside an AI ("${s.slice(pos)}")`));
    const aiLength = aiLengthForPrefix(d0 * 10 + d1);
    if (aiLength === 0)
      return fail(problem('decode.unknownAi', s.slice(pos, pos + 2), `no GS1 AI starts with ${s.slice(pos, pos + 2)}`));
    if (pos + aiLength > end)
      return fail(problem('decode.truncated', null, `data ends inside an AI ("${s.slice(pos)}")`));
    let n = d0 * 10 + d1;
    for (let i = pos + 2; i < pos + aiLength; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) {
        return fail(
          problem('decode.unknownAi', null, `expected an AI at ${pos + 1}, found "${s.slice(pos, pos + aiLength)}"`),
        );
      }
      n = n * 10 + d;
    }
    const spec = aiSpecByNumber(aiLength, n);
    if (spec === undefined) {
      const ai = s.slice(pos, pos + aiLength);
      return fail(problem('decode.unknownAi', ai, `(${ai}) is not a GS1 AI`));
    }
    pos += aiLength;
    let value: string;
    if (spec.fixed) {
      if (pos + spec.max > end) {
        return fail(
          problem(
            'decode.truncated',
            spec.ai,
            `AI (${spec.ai}) needs ${spec.max} characters, data ends after ${end - pos}`,
          ),
        );
      }
      for (let i = pos; i < pos + spec.max; i++) {
        if (s.charCodeAt(i) === GS_CODE) {
          return fail(
            problem('decode.badLength', spec.ai, `AI (${spec.ai}) needs ${spec.max} characters, GS after ${i - pos}`),
          );
        }
      }
      value = s.slice(pos, pos + spec.max);
      pos += spec.max;
    } else {
      let stop = s.indexOf(GS, pos);
      if (stop < 0) stop = end;
      value = s.slice(pos, stop);
      if (value.length < spec.min && stop === end) {
        return fail(
          problem(
            'decode.truncated',
            spec.ai,
            `AI (${spec.ai}) needs at least ${spec.min} characters, data ends after ${value.length}`,
          ),
        );
      }
      if (value.length > spec.max) {
        return fail(
          problem(
            'decode.badLength',
            spec.ai,
            `AI (${spec.ai}) holds at most ${spec.max} characters, got ${value.length} — a GS separator missing after it?`,
          ),
        );
      }
      pos = stop;
    }
    const bad = checkValue(spec, value, ctx);
    if (bad !== null) return fail(bad);
    elements.push({ ai: spec.ai, value });
  }
  return { elements, problem: null };
}

/** "(01)09521234543213 (10)ABC123" */
export function summarize(elements: Gs1Element[]): string {
  let out = '';
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    out += `${i === 0 ? '' : ' '}(${e.ai})${e.value}`;
  }
  return out;
}

type Gs1Result = Extract<DecodeResult, { kind: 'gs1' }>;

/**
 * The gs1 result: the elements and the fields a warehouse acts on, taken
 * from the first occurrence of each AI. Built as one object literal: this is
 * on the scan path of every GS1 label.
 */
export function gs1Result(symbology: Symbology, elements: Gs1Element[], form: Gs1Form, ctx: DecodeContext): Gs1Result {
  let gtin01: string | null = null;
  let gtin02: string | null = null;
  let sscc: string | null = null;
  let lot: string | null = null;
  let serial: string | null = null;
  let expiry: string | null = null;
  let bestBefore: string | null = null;
  let productionDate: string | null = null;
  let count37: string | null = null;
  let count30: string | null = null;
  for (const { ai, value } of elements) {
    switch (ai) {
      case '00':
        sscc ??= value;
        break;
      case '01':
        gtin01 ??= value;
        break;
      case '02':
        gtin02 ??= value;
        break;
      case '10':
        lot ??= value;
        break;
      case '21':
        serial ??= value;
        break;
      case '11':
        productionDate ??= gs1Date(value, 0, true, ctx);
        break;
      case '15':
        bestBefore ??= gs1Date(value, 0, true, ctx);
        break;
      case '17':
        expiry ??= gs1Date(value, 0, true, ctx);
        break;
      case '30':
        count30 ??= value;
        break;
      case '37':
        count37 ??= value;
        break;
    }
  }
  const count = count37 ?? count30;
  return {
    ok: true,
    kind: 'gs1',
    symbology,
    elements,
    gtin: gtin01 ?? gtin02,
    gtinAi: gtin01 !== null ? '01' : gtin02 !== null ? '02' : null,
    sscc,
    lot,
    serial,
    expiry,
    bestBefore,
    productionDate,
    count: count === null ? null : Number(count),
    form,
    summary: summarize(elements),
  };
}

/** If `s` has "(" + 2 to 4 digits + ")" at `at`, the index of the ")"; else -1. */
function bracketedAiEnd(s: string, at: number): number {
  let i = at + 1;
  while (i < s.length && i - at - 1 < 4) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i - at - 1 >= 2 && s.charCodeAt(i) === 41 /* ) */ ? i : -1;
}

/** Whether `s` starts like the human-readable form "(01)…". */
export function startsBracketed(s: string): boolean {
  return s.charCodeAt(0) === 40 /* ( */ && bracketedAiEnd(s, 0) > 0;
}

/**
 * The human-readable form "(01)09521234543213(10)ABC123", as typed by a person
 * or encoded by label software that put the brackets into a plain Code 128.
 * Each value runs to the next "(digits)"; spaces around values are ignored
 * (GS1 values hold none).
 */
export function parseBracketed(s: string, ctx: DecodeContext): ParseOutcome {
  const elements: Gs1Element[] = [];
  const end = s.length;
  let pos = 0;
  while (pos < end) {
    while (pos < end && s.charCodeAt(pos) === 32) pos++;
    if (pos >= end) break;
    const close = s.charCodeAt(pos) === 40 ? bracketedAiEnd(s, pos) : -1;
    if (close < 0) {
      return { elements, problem: problem('decode.unknownAi', null, `expected "(AI)" at ${pos + 1}`) };
    }
    const ai = s.slice(pos + 1, close);
    const length = aiLengthForPrefix(Number(ai.slice(0, 2)));
    const spec = length === ai.length ? aiSpecByNumber(length, Number(ai)) : undefined;
    if (spec === undefined) return { elements, problem: problem('decode.unknownAi', ai, `(${ai}) is not a GS1 AI`) };
    let next = close + 1;
    while (next < end && !(s.charCodeAt(next) === 40 && bracketedAiEnd(s, next) >= 0)) next++;
    const value = s.slice(close + 1, next).trim();
    if (next === end && value.length < spec.min) {
      return {
        elements,
        problem: problem(
          'decode.truncated',
          ai,
          `AI (${ai}) needs at least ${spec.min} characters, got ${value.length}`,
        ),
      };
    }
    const bad = checkValue(spec, value, ctx);
    if (bad !== null) return { elements, problem: bad };
    elements.push({ ai, value });
    pos = next;
  }
  return { elements, problem: null };
}
