/**
 * `npm run bench:engine`: the pure engine in memory, no store. Prints flow steps/s (the flagship
 * repair flow end to end), form validations/s (a 20-field record), rule evaluations/s, template
 * renders/s and bundle validation time (cold: the first call in this process; warm: median of
 * repeats). With `--json` prints one JSON object instead (what `npm run bench` reads).
 */
import { compileForm, evaluateRule, renderTemplate, validateBundle, type FormDef } from '../engine/index.js';
import { loadFlagship } from './lib/flagship.js';
import { memoryFlagship } from './lib/memory-flow.js';
import { BENCH_QUICK, median, nowMs, opsPerSecond } from './lib/stats.js';

export interface EngineFigures {
  flowStepsPerSec: number;
  flowInstancesPerSec: number;
  formValidationsPerSec: number;
  ruleEvaluationsPerSec: number;
  templateRendersPerSec: number;
  bundleValidationColdMs: number;
  bundleValidationWarmMs: number;
  memorySnapshotMaxBytes: number;
}

/** A 20-field form covering the common field types, rules and a table with a row formula. */
export const TWENTY_FIELD_FORM: FormDef = {
  key: 'bench_twenty',
  name: { en: 'Twenty fields', zh: '二十个字段' },
  fields: [
    { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' }, required: true, maxLength: 200 },
    { key: 'code', type: 'text', label: { en: 'Code', zh: '编码' }, pattern: '^[A-Z]{2}-[0-9]{4}$' },
    { key: 'note', type: 'textarea', label: { en: 'Note', zh: '备注' } },
    { key: 'email', type: 'email', label: { en: 'E-mail', zh: '邮箱' } },
    { key: 'phone', type: 'phone', label: { en: 'Phone', zh: '电话' } },
    { key: 'qty', type: 'integer', label: { en: 'Quantity', zh: '数量' }, min: 0, max: 1000 },
    { key: 'price', type: 'money', label: { en: 'Price', zh: '价格' }, min: 0 },
    {
      key: 'total',
      type: 'money',
      label: { en: 'Total', zh: '合计' },
      readonly: true,
      formula: { '*': [{ var: 'qty' }, { var: 'price' }] },
    },
    { key: 'weight', type: 'number', label: { en: 'Weight', zh: '重量' } },
    { key: 'ordered_on', type: 'date', label: { en: 'Ordered on', zh: '下单日期' }, required: true },
    { key: 'due_at', type: 'datetime', label: { en: 'Due at', zh: '截止时间' } },
    { key: 'urgent', type: 'boolean', label: { en: 'Urgent', zh: '加急' } },
    {
      key: 'urgency_reason',
      type: 'textarea',
      label: { en: 'Why urgent', zh: '加急原因' },
      visibleIf: { '==': [{ var: 'urgent' }, true] },
      required: true,
    },
    {
      key: 'kind',
      type: 'select',
      label: { en: 'Kind', zh: '类型' },
      options: [
        { value: 'a', label: { en: 'A', zh: '甲' } },
        { value: 'b', label: { en: 'B', zh: '乙' } },
      ],
    },
    {
      key: 'tags',
      type: 'multiselect',
      label: { en: 'Tags', zh: '标签' },
      options: [
        { value: 'x', label: { en: 'X', zh: 'X' } },
        { value: 'y', label: { en: 'Y', zh: 'Y' } },
      ],
    },
    { key: 'rating', type: 'rating', label: { en: 'Rating', zh: '评分' } },
    { key: 'owner', type: 'user', label: { en: 'Owner', zh: '负责人' } },
    { key: 'address', type: 'address', label: { en: 'Address', zh: '地址' } },
    {
      key: 'lines',
      type: 'table',
      label: { en: 'Lines', zh: '明细' },
      columns: [
        { key: 'item', type: 'text', label: { en: 'Item', zh: '项目' }, required: true },
        { key: 'n', type: 'integer', label: { en: 'N', zh: '数量' }, min: 0 },
        { key: 'unit', type: 'money', label: { en: 'Unit', zh: '单价' }, min: 0 },
        {
          key: 'amount',
          type: 'money',
          label: { en: 'Amount', zh: '金额' },
          readonly: true,
          formula: { '*': [{ var: 'n' }, { var: 'unit' }] },
        },
      ],
    },
    {
      key: 'lines_total',
      type: 'money',
      label: { en: 'Lines total', zh: '明细合计' },
      readonly: true,
      formula: {
        reduce: [
          { var: 'lines' },
          { '+': [{ var: 'accumulator' }, { '*': [{ var: 'current.n' }, { var: 'current.unit' }] }] },
          0,
        ],
      },
    },
  ],
} as FormDef;

export const TWENTY_FIELD_RECORD: Record<string, unknown> = {
  title: 'Replace the display',
  code: 'AB-1234',
  note: 'Customer dropped the device',
  email: 'ada@example.com',
  phone: '+86 138-0013-8001',
  qty: 3,
  price: 12.5,
  weight: 1.25,
  ordered_on: '2026-11-20',
  due_at: '2026-11-30T10:00:00.000Z',
  urgent: true,
  urgency_reason: 'VIP',
  kind: 'a',
  tags: ['x', 'y'],
  rating: 4,
  owner: 'u1',
  address: {
    province: '上海市',
    city: '上海市',
    district: '浦东新区',
    street: '张江路 88 号',
    postcode: '201203',
  },
  lines: [
    { item: 'Screen', n: 1, unit: 300 },
    { item: 'Glue', n: 2, unit: 5 },
  ],
};

export function runEngineBench(): EngineFigures {
  const bundle = loadFlagship();
  // Cold: the first validation in this process (schema compile, rule and template caches empty).
  const coldStart = nowMs();
  const coldProblems = validateBundle(bundle);
  const bundleValidationColdMs = nowMs() - coldStart;
  if (coldProblems.length > 0) throw new Error(`flagship bundle invalid: ${JSON.stringify(coldProblems[0])}`);
  const warm: number[] = [];
  for (let i = 0; i < (BENCH_QUICK ? 5 : 20); i++) {
    // A fresh copy each time, so no per-object cache can skip the work.
    const copy = JSON.parse(JSON.stringify(bundle)) as unknown;
    const t = nowMs();
    validateBundle(copy);
    warm.push(nowMs() - t);
  }

  const flagship = memoryFlagship();
  let maxSnapshot = 0;
  for (let i = 0; i < 50; i++) maxSnapshot = Math.max(maxSnapshot, flagship.runInstance(i).maxSnapshotBytes);
  let instances = 0;
  let steps = 0;
  const flowMs = BENCH_QUICK ? 500 : 2000;
  const flowStart = nowMs();
  while (nowMs() - flowStart < flowMs) {
    steps += flagship.runInstance(instances).steps;
    instances++;
  }
  const flowElapsed = nowMs() - flowStart;

  const form = compileForm(TWENTY_FIELD_FORM);
  const ctx = { mode: 'create' as const, now: '2026-11-23T01:00:00.000Z', today: '2026-11-23', user: 'u1' };
  const check = form.submit(TWENTY_FIELD_RECORD, ctx);
  if (!check.ok) throw new Error(`20-field record refused: ${JSON.stringify(check.errors)}`);
  const opsMs = BENCH_QUICK ? 300 : 1000;
  const formValidationsPerSec = opsPerSecond(() => {
    form.submit(TWENTY_FIELD_RECORD, ctx);
  }, opsMs);

  // The flagship's own rules: the in-warranty formula (date_add over a relation) and a branch.
  const inWarranty = {
    '<=': [
      { today: [] },
      { date_add: [{ var: 'purchase_date' }, { var: 'product.warranty_months' }, 'month'] },
    ],
  };
  const paymentRoute = { in: [{ var: 'payment_method' }, ['wechat_pay', 'alipay']] };
  const products: Record<string, Record<string, unknown>> = { p1: { warranty_months: 12 } };
  const scope = {
    data: { purchase_date: '2026-01-15', product: 'p1', payment_method: 'cash' },
    today: '2026-11-23',
    now: '2026-11-23T01:00:00.000Z',
    lookup: (_field: string, id: string) => products[id],
  };
  const ruleEvaluationsPerSec = opsPerSecond((i) => {
    evaluateRule(i % 2 === 0 ? inWarranty : paymentRoute, scope);
  }, opsMs);

  const { flow } = memoryFlagship();
  const notifyDone = flow.nodes.notify_done as { template: { en: string } } | undefined;
  const template = notifyDone?.template.en ?? 'Your repair request {{rma_no}} is done.';
  const data = { rma_no: 'RMA-20261123-0001', tracking_number: 'SF123456', courier: 'sf', repair_total: 80 };
  renderTemplate(template, data);
  const templateRendersPerSec = opsPerSecond(() => {
    renderTemplate(template, data);
  }, opsMs);

  return {
    flowStepsPerSec: (steps * 1000) / flowElapsed,
    flowInstancesPerSec: (instances * 1000) / flowElapsed,
    formValidationsPerSec,
    ruleEvaluationsPerSec,
    templateRendersPerSec,
    bundleValidationColdMs,
    bundleValidationWarmMs: median(warm),
    memorySnapshotMaxBytes: maxSnapshot,
  };
}

const isMain =
  process.argv[1] !== undefined &&
  import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  const figures = runEngineBench();
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } else {
    const fmt = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
    const rows: [string, number, string][] = [
      ['flow steps (flagship repair flow, in memory)', figures.flowStepsPerSec, 'steps/s'],
      ['flow instances (10 events each)', figures.flowInstancesPerSec, 'instances/s'],
      ['form validations (20-field record)', figures.formValidationsPerSec, 'validations/s'],
      ['rule evaluations (flagship rules)', figures.ruleEvaluationsPerSec, 'evaluations/s'],
      ['template renders (completion notice)', figures.templateRendersPerSec, 'renders/s'],
      ['bundle validation, cold (first call)', figures.bundleValidationColdMs, 'ms'],
      ['bundle validation, warm (median)', figures.bundleValidationWarmMs, 'ms'],
      ['largest flagship snapshot', figures.memorySnapshotMaxBytes, 'bytes'],
    ];
    for (const [name, value, unit] of rows)
      console.log(`${name.padEnd(46)} ${fmt(value).padStart(12)} ${unit}`);
  }
}
