/**
 * Identifiers (columns, sort keys, breakdown dimensions) can't be bound as parameters, so they
 * come only from typed whitelists: the caller names a key, the whitelist supplies the SQL text.
 */
export class IdentifierNotAllowedError extends Error {
  readonly code = 'IDENTIFIER_NOT_ALLOWED';
  readonly statusCode = 400;
  constructor(kind: string, value: string, allowed: readonly string[]) {
    super(`Unknown ${kind} "${value}". Allowed: ${allowed.join(', ')}.`);
  }
}

export function pickIdentifier<K extends string>(kind: string, whitelist: Readonly<Record<K, string>>, value: string): string {
  if (Object.hasOwn(whitelist, value)) return whitelist[value as K];
  throw new IdentifierNotAllowedError(kind, value, Object.keys(whitelist));
}
