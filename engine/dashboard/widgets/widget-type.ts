/**
 * What every widget type provides, so a widget type describes itself: serializable metadata the
 * designer renders (palette entry, property list), the schema fragment of the options it adds to
 * every widget's, and its semantic checks. One file per type (`<type>.widget.ts`), one line in
 * `registry.ts`. The figures themselves are computed by the runtime (`runtime/reports`).
 */
import type { Problem } from '../../errors.js';
import type { BundleIndex, FormInfo } from '../../definition/bundle-index.js';
import { prop, type Bilingual, type PropertySpec } from '../../definition/property-list.js';
import type { SchemaFragment } from '../../definition/schema-parts.js';

export interface WidgetTypeDescription {
  type: string;
  label: Bilingual;
  summary: Bilingual;
  /** The palette's icon: a Lucide icon name. */
  icon: string;
  /** `process`: process analytics of a flow's cases (the widget names a `flow`, not a `form`). */
  category: 'number' | 'chart' | 'table' | 'process';
}

/** What a widget type's check sees; it reports into `problems`. */
export interface WidgetCheckContext {
  index: BundleIndex;
  /** The raw widget. */
  widget: unknown;
  /** The widget's JSON pointer (`/dashboards/0/widgets/2`). */
  path: string;
  /** The form it reads, when it names one this app defines. */
  form: FormInfo | undefined;
  problems: Problem[];
}

export interface WidgetTypeModule {
  readonly description: WidgetTypeDescription;
  /** Options this type adds to every widget's (`key`, `title`, `form`, `filter`, `dimensions`, `measures`). */
  readonly definitionSchema: SchemaFragment;
  /** What the property panel offers besides `COMMON_WIDGET_PROPERTIES`, in order. */
  readonly properties: readonly PropertySpec[];
  /**
   * What its figures come from: a form's records (default: `form` and `measures` are required and
   * the panel offers the form and filter) or a flow's cases (`flow` instead; see process-widget.ts).
   */
  readonly reads?: 'records' | 'flow';
  check?(ctx: WidgetCheckContext): void;
}

/** `dimensions`, in the words of a widget type. */
export function dimensionsProperty(en: string, zh: string, help: Bilingual): PropertySpec {
  return prop('/dimensions', 'list', en, zh, {
    help,
    items: [
      prop('/field', 'field', 'Field', '字段', { required: true, formFrom: 'form' }),
      prop('/bucket', 'select', 'Dates by', '日期分组', {
        help: { en: 'For a date or time field.', zh: '用于日期或时间字段。' },
        choices: [
          { value: 'day', label: { en: 'Day', zh: '按天' } },
          { value: 'week', label: { en: 'Week', zh: '按周' } },
          { value: 'month', label: { en: 'Month', zh: '按月' } },
          { value: 'quarter', label: { en: 'Quarter', zh: '按季度' } },
          { value: 'year', label: { en: 'Year', zh: '按年' } },
        ],
      }),
    ],
  });
}

/** `measures`, in the words of a widget type. */
export function measuresProperty(en: string, zh: string, help: Bilingual): PropertySpec {
  return prop('/measures', 'list', en, zh, {
    required: true,
    default: [{ op: 'count' }],
    help,
    items: [
      prop('/op', 'select', 'Figure', '统计方式', {
        required: true,
        default: 'count',
        choices: [
          { value: 'count', label: { en: 'Count', zh: '计数' } },
          { value: 'sum', label: { en: 'Sum', zh: '求和' } },
          { value: 'avg', label: { en: 'Average', zh: '平均值' } },
          { value: 'min', label: { en: 'Minimum', zh: '最小值' } },
          { value: 'max', label: { en: 'Maximum', zh: '最大值' } },
          { value: 'distinct', label: { en: 'Distinct count', zh: '去重计数' } },
        ],
      }),
      prop('/field', 'field', 'Of the field', '统计字段', {
        formFrom: 'form',
        help: { en: 'Every figure but a count needs one.', zh: '除计数外都需要选择字段。' },
      }),
      prop('/label', 'localized', 'Name of the figure', '指标名称'),
      prop('/format/decimals', 'integer', 'Decimal places', '小数位数', {
        help: { en: '0 to 6; else as the field says.', zh: '0 到 6 位；不设置时按字段显示。' },
      }),
      prop('/format/thousands', 'boolean', 'Thousands separators', '千分位分隔符', { default: true }),
      prop('/format/unit', 'localized', 'Unit', '单位', {
        help: { en: 'Shown after the number: 元, pcs, %…', zh: '显示在数字后面，例如 元、件、%。' },
      }),
    ],
  });
}

/** `sort` and `limit`: the order of the groups and how many are shown (top N). */
export function orderProperties(limitHelp: Bilingual): PropertySpec[] {
  return [
    prop('/sort/by', 'select', 'Sort by', '排序依据', {
      choices: [
        { value: 'label', label: { en: 'Group name (dates in time order)', zh: '分组名称（日期按时间）' } },
        { value: 'value', label: { en: 'First figure', zh: '第一个指标的数值' } },
      ],
    }),
    prop('/sort/dir', 'select', 'Order', '顺序', {
      help: { en: 'Names ascend and figures descend unless set.', zh: '不设置时名称升序、数值降序。' },
      choices: [
        { value: 'asc', label: { en: 'Ascending', zh: '升序' } },
        { value: 'desc', label: { en: 'Descending', zh: '降序' } },
      ],
    }),
    prop('/limit', 'integer', 'Show the first', '仅显示前 N 项', { help: limitHelp }),
  ];
}

/** `colors`: series or slice colours in order. */
export const colorsProperty: PropertySpec = prop('/colors', 'colors', 'Colours', '配色', {
  help: { en: 'In order; the default palette after them.', zh: '按顺序使用；之后沿用默认配色。' },
});

/** `clickThrough`: whether a figure opens the records behind it. */
export function clickThroughProperty(en: string, zh: string): PropertySpec {
  return prop('/clickThrough', 'boolean', en, zh, { default: true });
}
