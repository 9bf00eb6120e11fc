/**
 * How every analysis rounds what it returns: ratios to 6 decimals and empty (null) when the
 * denominator is zero, money to the cent. One place, so the API never mixes conventions.
 */
export const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 1e6) / 1e6 : null);

export const cents = (x: number): number => Math.round(x * 100) / 100;
