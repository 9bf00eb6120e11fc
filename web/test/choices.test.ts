/** The top bar's filter lists, worked by hand. */
import { describe, expect, it } from 'vitest';
import { shownChoices } from '../src/prepare/choices';

const asIs = (v: string) => v;
const regions = ['Zhejiang', 'Guangdong', 'Jiangsu', 'Shanghai', 'Beijing'];

describe('shownChoices', () => {
  it('lists every option in order when nothing is typed or chosen', () => {
    expect(shownChoices(regions, [], '', asIs, 10)).toEqual({ shown: regions, hidden: 0 });
  });
  it('puts the chosen first, even one the options lack, and does not repeat them', () => {
    expect(shownChoices(regions, ['Jiangsu', 'Tibet'], '', asIs, 10).shown).toEqual([
      'Jiangsu',
      'Tibet',
      'Zhejiang',
      'Guangdong',
      'Shanghai',
      'Beijing',
    ]);
  });
  it('narrows to names containing the text in any case, keeping the chosen', () => {
    // "jiang" is in Zhejiang and Jiangsu; Beijing stays because it is chosen.
    expect(shownChoices(regions, ['Beijing'], ' JIANG ', asIs, 10)).toEqual({ shown: ['Beijing', 'Zhejiang', 'Jiangsu'], hidden: 0 });
  });
  it('matches on the shown name, not the code', () => {
    const names: Record<string, string> = { search: 'Search', live: 'Live stream' };
    expect(shownChoices(['search', 'live'], [], 'stream', (c) => names[c] ?? c, 10).shown).toEqual(['live']);
  });
  it('shows at most the limit of the matches and counts the rest', () => {
    expect(shownChoices(regions, ['Tibet'], '', asIs, 2)).toEqual({ shown: ['Tibet', 'Zhejiang', 'Guangdong'], hidden: 3 });
  });
});
