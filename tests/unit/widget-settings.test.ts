/**
 * A widget's settings, without a server: quarter and year keys with their spans and the words
 * people read them in; the order and top N of groups (names in the language's collation, the
 * empty group last); a figure's designed number format; what the schema accepts, each refusal at
 * its JSON path; every new setting offered by the widget panel's property lists.
 */
import { describe, expect, it } from 'vitest';
import { widgetType } from '../../engine/dashboard/index.js';
import { validateWidget } from '../../engine/index.js';
import type { PropertySpec } from '../../engine/index.js';
import {
  bucketKeyOf,
  bucketLabel,
  bucketRun,
  bucketStart,
  nextBucketStart,
} from '../../runtime/reports/date-buckets.js';
import { groupOrder, orderedPositions } from '../../runtime/reports/group-order.js';
import { designedNumber } from '../../ui/widgets/measures.js';
import { colourAt, PALETTE } from '../../ui/widgets/chart-config.js';
import { validBundle } from './definition-test-kit.js';

describe('quarter and year buckets', () => {
  it('know where each starts and which holds a day', () => {
    expect(bucketStart('2026-Q1', 'quarter')).toBe('2026-01-01');
    expect(bucketStart('2026-Q4', 'quarter')).toBe('2026-10-01');
    expect(bucketStart('2026', 'year')).toBe('2026-01-01');
    expect(nextBucketStart('2026-10-01', 'quarter')).toBe('2027-01-01');
    expect(nextBucketStart('2026-01-01', 'year')).toBe('2027-01-01');
    expect(bucketKeyOf('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(bucketKeyOf('2026-04-01', 'quarter')).toBe('2026-Q2');
    expect(bucketKeyOf('2026-12-31', 'year')).toBe('2026');
    expect(bucketKeyOf('2026-12-06', 'week')).toBe('2026-11-30');
  });

  it('fill a span across years, and stop at the cap', () => {
    expect(bucketRun('2025-Q3', '2026-Q2', 'quarter', 100)).toEqual([
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
    ]);
    expect(bucketRun('2023', '2026', 'year', 100)).toEqual(['2023', '2024', '2025', '2026']);
    expect(bucketRun('2025-11', '2026-02', 'month', 100)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(bucketRun('2000', '2026', 'year', 10)).toBeUndefined();
  });

  it('read as people say them, in Chinese and English', () => {
    expect(bucketLabel('2026-Q1', 'quarter', 'zh')).toBe('2026年第1季度');
    expect(bucketLabel('2026-Q1', 'quarter', 'en')).toBe('2026 Q1');
    expect(bucketLabel('2026', 'year', 'zh')).toBe('2026年');
    expect(bucketLabel('2026', 'year', 'en')).toBe('2026');
    expect(bucketLabel('2026-03', 'month', 'zh')).toBe('2026-03');
  });
});

describe('the order and top N of groups', () => {
  it('takes a limit without a sort for the largest first', () => {
    expect(groupOrder({ limit: 5 })).toEqual({ by: 'value', dir: 'desc', limit: 5 });
    expect(groupOrder({ sort: { by: 'label' } })).toEqual({ by: 'label', dir: 'asc', limit: undefined });
    expect(groupOrder({})).toEqual({ by: 'database', dir: 'asc', limit: undefined });
  });

  it('sorts names in pinyin order, figures by size, and the empty group last either way', () => {
    const names = ['上海', '北京', null, '广州'];
    const order = (by: 'label' | 'value', dir: 'asc' | 'desc', values: (number | null)[] = []) =>
      orderedPositions(
        { by, dir, limit: undefined },
        names.length,
        (i) => names[i]!,
        false,
        (i) => values[i] ?? null,
        'zh',
      ).map((i) => names[i]);
    expect(order('label', 'asc')).toEqual(['北京', '广州', '上海', null]);
    expect(order('label', 'desc')).toEqual(['上海', '广州', '北京', null]);
    // 上海 3, 北京 9, the unnamed group 7, 广州 nothing: a group without a value comes last.
    expect(order('value', 'desc', [3, 9, 7, null])).toEqual(['北京', null, '上海', '广州']);
    expect(order('value', 'asc', [3, 9, 7, null])).toEqual(['上海', null, '北京', '广州']);
  });
});

describe('a figure’s designed format', () => {
  it('writes decimals, separators and the unit as set', () => {
    expect(designedNumber(12345.678, { decimals: 1 }, 'en')).toBe('12,345.7');
    expect(designedNumber(12345, { decimals: 2, unit: { zh: '元' } }, 'zh-CN')).toBe('12,345.00元');
    expect(designedNumber(12345, { thousands: false, unit: { en: 'pcs', zh: '件' } }, 'en')).toBe(
      '12345 pcs',
    );
    expect(designedNumber(0.5, { unit: '%' }, 'en')).toBe('0.5%');
  });

  it('draws the widget’s colours before the palette', () => {
    expect(colourAt(0, ['#e11d48'])).toBe('#e11d48');
    expect(colourAt(1, ['#e11d48'])).toBe(PALETTE[0]);
    expect(colourAt(2, undefined)).toBe(PALETTE[2]);
  });
});

describe('widget settings in the schema and the panel', () => {
  const bundle = validBundle();
  const base = { key: 'w', type: 'bar', form: 'repair', measures: [{ op: 'count' }] };

  it('accepts every setting in range', () => {
    expect(
      validateWidget(bundle, {
        ...base,
        dimensions: [{ field: 'paid_at', bucket: 'quarter' }],
        measures: [{ op: 'count', format: { decimals: 0, thousands: true, unit: { zh: '件', en: 'pcs' } } }],
        sort: { by: 'value', dir: 'desc' },
        limit: 10,
        colors: ['#2563eb', '#E11D48'],
        clickThrough: false,
      }),
    ).toEqual([]);
    expect(validateWidget(bundle, { ...base, dimensions: [{ field: 'paid_at', bucket: 'year' }] })).toEqual(
      [],
    );
  });

  it('refuses each setting out of range at its path', () => {
    const paths = validateWidget(bundle, {
      ...base,
      measures: [{ op: 'count', format: { decimals: 9, unit: 5 } }],
      sort: { dir: 'up' },
      limit: 1001,
      colors: ['#12345', '#2563eb'],
      clickThrough: 1,
    }).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/widget/measures/0/format/decimals',
        '/widget/measures/0/format/unit',
        '/widget/sort/dir',
        '/widget/limit',
        '/widget/colors/0',
        '/widget/clickThrough',
      ]),
    );
  });

  it('offers the settings in each chart’s property list', () => {
    const paths = (type: string) => {
      const all: string[] = [];
      const walk = (specs: readonly PropertySpec[], at: string) =>
        specs.forEach((s) => {
          all.push(at + s.path);
          if (s.items) walk(s.items, `${at}${s.path}/*`);
        });
      walk(widgetType(type)!.properties, '');
      return all;
    };
    for (const type of ['bar', 'line', 'pie'])
      expect(paths(type)).toEqual(
        expect.arrayContaining([
          '/sort/by',
          '/sort/dir',
          '/limit',
          '/colors',
          '/clickThrough',
          '/measures/*/format/decimals',
          '/measures/*/format/unit',
        ]),
      );
    expect(paths('pivot')).toEqual(expect.arrayContaining(['/limit', '/clickThrough']));
    expect(paths('table')).toEqual(expect.arrayContaining(['/limit', '/clickThrough']));
    expect(paths('kpi')).toEqual(expect.arrayContaining(['/colors', '/measures/*/format/unit']));
    const buckets = widgetType('bar')!.properties[0]!.items!.find((s) => s.key === 'bucket')!.choices!;
    expect(buckets.map((c) => c.value)).toEqual(['day', 'week', 'month', 'quarter', 'year']);
  });
});
