/**
 * Code point labels (Unicode §4.8) for code points without a name, and the
 * general category of those the index does not hold. These ranges are fixed
 * by Unicode's stability policy, so they need no data file.
 */

export const MAX_CODE_POINT = 0x10ffff;

export function isNoncharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}

export function isSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

export function isPrivateUse(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0xffffd) || (cp >= 0x100000 && cp <= 0x10fffd);
}

/** Category of a code point the index lacks: it has neither a name nor an alias. */
export function unnamedCategory(cp: number): 'Cs' | 'Co' | 'Cn' {
  if (isSurrogate(cp)) return 'Cs';
  if (isPrivateUse(cp)) return 'Co';
  return 'Cn';
}

export function codePointLabel(cp: number, category: string): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  if (category === 'Cc') return `<control-${hex}>`;
  if (isSurrogate(cp)) return `<surrogate-${hex}>`;
  if (isPrivateUse(cp)) return `<private-use-${hex}>`;
  if (isNoncharacter(cp)) return `<noncharacter-${hex}>`;
  return `<reserved-${hex}>`;
}
