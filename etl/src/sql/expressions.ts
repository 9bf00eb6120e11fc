/**
 * SQL expressions that turn raw text fields into typed values, or NULL when the text is not a
 * valid value of that type. They only combine fixed SQL with identifiers the loader generated
 * itself (c0, c1, ... for source columns) and bound parameters; no file content or header
 * text is ever part of the SQL.
 */

/** ISO-like date-times (optional zone) or Unix epoch seconds/milliseconds. */
// A clock time a clock can show (hours 00-23, minutes and seconds 00-59) and a zone offset of at
// most 14 hours: best-effort parsing would otherwise roll "T99:00" over into another day.
const TIMESTAMP_SHAPE =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?)? ?(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?$';

/**
 * Text to DateTime64(3, 'UTC'). Text without a zone is read in the shop's zone ({tz:String}).
 * The shape check comes first because best-effort parsing would turn nonsense such as
 * "0000-00-00" into a plausible date, and the calendar date must survive a round trip (no 30 February);
 * values before 1990 or more than a day ahead are refused.
 */
export function timestampExpr(src: string): string {
  const parsed = `multiIf(
      match(${src}, '^[0-9]{13}$'), fromUnixTimestamp64Milli(toInt64(${src}), 'UTC'),
      match(${src}, '^[0-9]{10}$'), toDateTime64(toInt64(${src}), 3, 'UTC'),
      match(${src}, '${TIMESTAMP_SHAPE}') AND formatDateTime(toDateOrNull(substring(${src}, 1, 10)), '%F') = substring(${src}, 1, 10),
        toTimeZone(parseDateTime64BestEffortOrNull(${src}, 3, {tz:String}), 'UTC'),
      NULL)`;
  return `if(${parsed} BETWEEN toDateTime64('1990-01-01 00:00:00', 3, 'UTC') AND now64(3, 'UTC') + INTERVAL 1 DAY, ${parsed}, NULL)`;
}

/** Decimal money, rounded half away from zero to the cent. */
export function decimalExpr(src: string): string {
  return `CAST(round(toDecimal128OrNull(${src}, 6), 2) AS Nullable(Decimal(18, 2)))`;
}

export function integerExpr(src: string): string {
  return `toInt64OrNull(${src})`;
}

/** A JSON object of attributes, as Map(String, String); NULL if the text is not a JSON object. */
export function jsonMapExpr(src: string): string {
  return `if(${src} = '', map(), if(isValidJSON(${src}) AND JSONType(${src}) = 'Object', JSONExtract(${src}, 'Map(String, String)'), NULL))`;
}

/**
 * A row of text fields as one CSV line with every field quoted — what formatRowNoNewline('CSV', ...)
 * writes for String arguments (checked), but cheap. Rejected rows keep this as their raw text; the
 * engine evaluates it for every row, and formatRowNoNewline cost 1 s of 2 s when typing 1.4M events
 * (the concat: 0.1 s).
 */
export function csvRowText(fields: readonly string[]): string {
  return `concat('"', arrayStringConcat(arrayMap(x -> replaceAll(x, '"', '""'), [${fields.join(', ')}]), '","'), '"')`;
}
