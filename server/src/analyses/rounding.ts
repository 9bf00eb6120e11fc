/**
 * How every analysis rounds what it returns: ratios to 6 decimals and empty (null) when the
 * denominator is zero, money to the cent, halves rounded up. A product such as 538.435 × 100 is
 * 53843.49999999999 in binary floating point; reading it back at 15 significant digits first
 * removes that noise, so a half is rounded as written. One place, so the API never mixes conventions.
 */
const roundHalfUp = (x: number, scale: number): number => Math.round(Number((x * scale).toPrecision(15))) / scale;

export const ratio = (a: number, b: number): number | null => (b > 0 ? roundHalfUp(a / b, 1e6) : null);

export const cents = (x: number): number => roundHalfUp(x, 100);
