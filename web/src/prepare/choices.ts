/** What a multiple-choice filter list shows (the top bar's channel, device, region and category). */

/**
 * The values chosen come first (so a ticked value never hides, even one the suggestions lack), then
 * the options whose name contains the typed text (any case), in their given order, at most `limit`
 * of them; `hidden` counts the matches left out.
 */
export function shownChoices(
  options: readonly string[],
  chosen: readonly string[],
  text: string,
  nameOf: (value: string) => string,
  limit: number,
): { shown: string[]; hidden: number } {
  const needle = text.trim().toLocaleLowerCase();
  const matches = options.filter((o) => !chosen.includes(o) && (needle === '' || nameOf(o).toLocaleLowerCase().includes(needle)));
  return { shown: [...chosen, ...matches.slice(0, limit)], hidden: Math.max(0, matches.length - limit) };
}
