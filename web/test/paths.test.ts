/** The in-store paths chart's data, worked by hand. */
import { describe, expect, it } from 'vitest';
import { sankeyData, stepLabel } from '../src/prepare/paths';

const names: Record<string, string> = { page_view: 'Page view', product_view: 'Product view' };
const eventName = (c: string) => names[c] ?? c;

describe('stepLabel', () => {
  it('names events, page views with their page, and the folded steps', () => {
    expect(stepLabel('product_view', eventName, '(other)')).toBe('Product view');
    expect(stepLabel('page_view:home', eventName, '(other)')).toBe('Page view: home');
    expect(stepLabel('page_view', eventName, '(other)')).toBe('Page view');
    expect(stepLabel('(other)', eventName, '（其他）')).toBe('（其他）');
    expect(stepLabel('my_event', eventName, '(other)')).toBe('my_event');
  });
});

describe('sankeyData', () => {
  it('makes a node per position and step, so a step met again is a new node, and a link per flow', () => {
    const s = sankeyData(
      {
        nodes: [
          { position: 1, step: 'product_view', sessions: 3, exits: 1 },
          { position: 2, step: 'page_view:home', sessions: 2, exits: 0 },
          { position: 3, step: 'product_view', sessions: 2, exits: 2 },
        ],
        flows: [
          { position: 1, from_step: 'product_view', to_step: 'page_view:home', sessions: 2 },
          { position: 2, from_step: 'page_view:home', to_step: 'product_view', sessions: 2 },
        ],
      },
      (step) => stepLabel(step, eventName, '(other)'),
    );
    expect(s.data.map((d) => [d.name, d.depth, d.label])).toEqual([
      ['1\u00a0product_view', 0, 'Product view'],
      ['2\u00a0page_view:home', 1, 'Page view: home'],
      ['3\u00a0product_view', 2, 'Product view'],
    ]);
    expect(s.links).toEqual([
      { source: '1\u00a0product_view', target: '2\u00a0page_view:home', value: 2 },
      { source: '2\u00a0page_view:home', target: '3\u00a0product_view', value: 2 },
    ]);
  });
  it('leaves flows and steps below the threshold out, and steps no flow reaches', () => {
    const s = sankeyData(
      {
        nodes: [
          { position: 1, step: 'a', sessions: 100, exits: 10 },
          { position: 1, step: 'b', sessions: 2, exits: 2 },
          { position: 2, step: 'c', sessions: 88, exits: 88 },
          { position: 2, step: 'd', sessions: 2, exits: 2 },
        ],
        flows: [
          { position: 1, from_step: 'a', to_step: 'c', sessions: 88 },
          { position: 1, from_step: 'a', to_step: 'd', sessions: 2 },
        ],
      },
      (step) => step,
      5,
    );
    expect(s.data.map((d) => d.name)).toEqual(['1\u00a0a', '2\u00a0c']);
    expect(s.links).toEqual([{ source: '1\u00a0a', target: '2\u00a0c', value: 88 }]);
  });
});
