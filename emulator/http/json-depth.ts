/**
 * How deep a JSON request body may nest (objects and arrays). Deeper structures are refused with
 * a 400 before they are parsed: V8 parses them, but handing them to a function instance
 * (structured clone), validating them (recursive schemas) or storing them recurses once per
 * level. 100 is the document nesting limit the database already enforces (MongoDB's, which
 * CloudBase inherits), so anything that could be stored still passes. docs/emulator-limits.md.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * The deepest bracket nesting of JSON text, found by one scan without recursion (so it cannot
 * blow the stack on the input it guards against). Brackets inside string literals do not count.
 * Stops counting once `limit` is passed, so a huge body costs no more than reading it.
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i += 1;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth -= 1;
  }
  return deepest;
}

export function tooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  return jsonDepth(text, limit) > limit;
}
