/** The condition of diagnosis alerts, worked by hand. */
import { describe, expect, it } from 'vitest';
import { attentionOf } from '../src/reports/attention.js';

const figures = [
  { metric: 'uv', status: 'normal' },
  { metric: 'conversion_rate', status: 'watch' },
  { metric: 'gmv', status: 'normal' },
  { metric: 'refund_rate', status: 'insufficient_history' },
];

describe('attentionOf', () => {
  it('delivers at "watch" when a figure is at watch, naming it', () => {
    expect(attentionOf(figures, 'watch')).toEqual({ deliver: true, note: '1 figure at watch or worse: conversion_rate (watch)' });
  });
  it('holds back at "abnormal" when the worst is a watch, saying what there was', () => {
    expect(attentionOf(figures, 'abnormal')).toEqual({
      deliver: false,
      note: 'no figure abnormal (2 normal, 1 watch, 1 insufficient_history)',
    });
  });
  it('counts abnormal figures for both thresholds', () => {
    const worse = [...figures, { metric: 'paid_orders', status: 'abnormal' }];
    expect(attentionOf(worse, 'abnormal')).toEqual({ deliver: true, note: '1 figure abnormal: paid_orders (abnormal)' });
    expect(attentionOf(worse, 'watch').note).toBe('2 figures at watch or worse: conversion_rate (watch), paid_orders (abnormal)');
  });
  it('holds back when there are no figures at all', () => {
    expect(attentionOf([], 'watch')).toEqual({ deliver: false, note: 'no figure at watch or worse' });
  });
});
