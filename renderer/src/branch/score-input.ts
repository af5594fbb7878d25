const easternDigits = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * A registry score threshold as typed: empty means any score (null); digits in Latin or Arabic-Indic form with
 * a point, a comma or the Arabic decimal separator; undefined when it is not such a number.
 */
export const parseScore = (text: string): number | null | undefined => {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const normalised = trimmed
    // Both Arabic-Indic digit ranges start at a multiple of 16, so the digit's value is its code point modulo 16.
    .replace(easternDigits, (digit) => String((digit.codePointAt(0) ?? 0) % 16))
    .replace(/[,\u066B]/, '.');
  return /^\d{1,4}(\.\d{1,6})?$/.test(normalised) ? Number(normalised) : undefined;
};
