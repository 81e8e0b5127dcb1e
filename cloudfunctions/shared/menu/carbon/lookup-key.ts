/**
 * Menu data arrives typed on POS terminals and phones: full-width letters and spaces
 * (IME output), stray blanks, mixed case in English slugs. NFKC folds full-width forms to
 * half-width, so "ＫＧ", "kg" and " Kg " all compare equal, as do "豆腐" with and without a U+3000 ideographic space.
 */
export function lookupKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}
