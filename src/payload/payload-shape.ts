import type { FieldIssue } from '../common/errors/execution-plane.error.js';

/** Deepest nesting accepted anywhere in a body: deeper JSON is an attack, not a payload. */
export const MAX_JSON_DEPTH = 64;
/**
 * Keys one object may have. Beyond a few thousand, parsing alone costs V8 more than a
 * millisecond per thousand keys, and class-transformer removes duplicate keys of each object
 * it maps in O(keys²); with this cap both stay linear in the body's size.
 */
export const MAX_KEYS_PER_OBJECT = 1_000;

export interface ShapeLimits {
  /** Object keys plus array items in the whole body (MAX_PAYLOAD_KEYS). */
  maxMembers: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

interface Frame {
  object: boolean;
  /** Keys (object) or items (array) so far. */
  count: number;
  /** Object: the next string is a key. Array: the next value is a new item. */
  expecting: boolean;
  /** Byte offsets of the latest key, to name a path on failure. */
  keyStart: number;
  keyEnd: number;
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function pathOf(bytes: Buffer, frames: Frame[]): string {
  return frames
    .slice(1)
    .map((_frame, index) =>
      frames[index].object
        ? `.${bytes.toString('utf8', frames[index].keyStart, frames[index].keyEnd)}`
        : `[${frames[index].count - 1}]`,
    )
    .join('')
    .replace(/^\./, '');
}

/**
 * Measures a JSON body's shape on its raw bytes, before it is parsed: nesting depth, keys of
 * each object, keys and array items in all. One linear pass with no allocation per member
 * (structural characters are ASCII, so UTF-8 needs no decoding), stopping at the first bound
 * passed: V8 spends ~1 ms parsing each thousand keys of one object, so a 1 MiB body of one
 * 120,000-key object would cost ~125 ms to parse before any other check could refuse it.
 * Malformed JSON is not judged here; the parser refuses it next.
 */
export function scanJsonShape(bytes: Buffer, limits: ShapeLimits): FieldIssue | undefined {
  const frames: Frame[] = [];
  let members = 0;
  let stringStart = -1;
  /** A key of an object (at its `:`) or an item of an array (where its value starts). */
  const countMember = (top: Frame): FieldIssue | undefined => {
    top.expecting = false;
    top.count += 1;
    members += 1;
    if (top.object && top.count > MAX_KEYS_PER_OBJECT)
      return {
        path: pathOf(bytes, frames),
        message: `an object may have at most ${MAX_KEYS_PER_OBJECT} keys`,
      };
    return members > limits.maxMembers ? tooMany(limits) : undefined;
  };
  for (let at = 0; at < bytes.length; at += 1) {
    const byte = bytes[at];
    if (stringStart >= 0) {
      if (byte === BACKSLASH) at += 1;
      else if (byte === QUOTE) {
        const top = frames.at(-1);
        if (top?.object && top.expecting) [top.keyStart, top.keyEnd] = [stringStart, at];
        stringStart = -1;
      }
      continue;
    }
    if (isWhitespace(byte)) continue;
    if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      frames.pop();
      continue;
    }
    const top = frames.at(-1);
    if (byte === COMMA) {
      if (top) top.expecting = true;
      continue;
    }
    if (byte === COLON) {
      const issue = top?.object ? countMember(top) : undefined;
      if (issue) return issue;
      continue;
    }
    const issue = top && !top.object && top.expecting ? countMember(top) : undefined;
    if (issue) return issue;
    if (byte === QUOTE) stringStart = at + 1;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      frames.push({
        object: byte === OPEN_OBJECT,
        count: 0,
        expecting: true,
        keyStart: 0,
        keyEnd: 0,
      });
      if (frames.length > MAX_JSON_DEPTH)
        return {
          path: '',
          message: `JSON nesting deeper than ${MAX_JSON_DEPTH} levels is not accepted`,
        };
    }
  }
  return undefined;
}

function tooMany(limits: ShapeLimits): FieldIssue {
  return {
    path: '',
    message: `at most ${limits.maxMembers} keys and array items are accepted (MAX_PAYLOAD_KEYS)`,
  };
}
