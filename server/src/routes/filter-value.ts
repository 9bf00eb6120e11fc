/**
 * What a filter value may be. Values are bound as parameters, so this only turns what no shop's
 * name could be into a 400 — control characters, statement and comment marks (; -- /* {…}), quotes
 * other than the apostrophe — while names as merchants write them pass: "Kids' toys (3+)",
 * "Côte d'Ivoire", "茶具、杯". The rule in words is what a refused request is told.
 */
export const FILTER_VALUE_PATTERN = '^(?!.*--)[^\\p{Cc};="*\\\\{}<>|$`]{1,100}$';
export const FILTER_VALUE_RULE =
  'must be a value as the data holds it: 1 to 100 characters, without control characters, any of ; = " * \\ { } < > | $ ` or "--"';
