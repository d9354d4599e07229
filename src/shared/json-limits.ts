/**
 * How deeply a JSON text nests, found in one pass over its bytes without parsing it: a body of
 * 5,000 `[` is refused before `JSON.parse` (or anything recursive on the result) ever sees it.
 * Brackets inside strings do not count; escapes inside strings are skipped.
 */
export function jsonDepthExceeds(bytes: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === 0x5c)
        i++; // backslash: the next byte is escaped
      else if (b === 0x22) inString = false;
      continue;
    }
    if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return false;
}

/** Nesting a holdings body may use: `{ "holdings": [ { … } ] }` is 3 levels; anything past this is not holdings. */
export const MAX_JSON_DEPTH = 16;
