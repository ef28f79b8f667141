/**
 * What a node and a transition say on the canvas, in a few words: who a task is for, its time
 * limit, a branch condition read aloud (`金额 > 100`), which way a transition is (default,
 * approve, reject, timeout…). Pure: names come from the bundle, words from the caller.
 */
import { parseIsoDuration } from '../../../engine/definition/iso-duration.js';
import type { AppBundle, AssigneeRule, FlowDef, NodeDef } from '../../../engine/definition/types.js';
import { loc, type Lang } from '../../../ui/i18n.js';
import type { FlowEdge } from './flow-ops.js';
import type { FlowWordKey } from './words.js';

type T = (key: FlowWordKey, vars?: Record<string, string | number>) => string;

/** A node's own name, or its key when it has none. */
export function nodeName(node: NodeDef | undefined, id: string, lang: Lang): string {
  if (!node) return id;
  const text = node.type === 'event' ? node.title : node.name;
  return loc(text, lang) || id;
}

function fieldLabel(bundle: Pick<AppBundle, 'forms'>, form: string, field: string, lang: Lang): string {
  const f = bundle.forms.find((x) => x.key === form)?.fields.find((x) => x.key === field);
  return f ? loc(f.label, lang) || field : field;
}

function assigneeText(
  rule: AssigneeRule,
  bundle: Pick<AppBundle, 'roles' | 'forms'>,
  form: string,
  lang: Lang,
  t: T,
) {
  if ('role' in rule) return loc(bundle.roles.find((r) => r.key === rule.role)?.name, lang) || rule.role;
  if ('user' in rule) return t('user', { u: rule.user });
  if ('field' in rule) return t('userField', { f: fieldLabel(bundle, form, rule.field, lang) });
  return t('submitter');
}

/** Who a task (or a notice) is for: `客服专员 · 会签`. */
export function assigneeSummary(
  node: NodeDef,
  bundle: Pick<AppBundle, 'roles' | 'forms'>,
  form: string,
  lang: Lang,
  t: T,
): string | undefined {
  const rules = node.type === 'task' ? node.assignee : node.type === 'notify' ? node.to : undefined;
  if (rules === undefined) return undefined;
  const list = (Array.isArray(rules) ? rules : [rules]).map((r) => assigneeText(r, bundle, form, lang, t));
  const text = list.slice(0, 2).join('、') + (list.length > 2 ? ` +${list.length - 2}` : '');
  return node.type === 'task' && node.mode === 'all' ? `${text} · ${t('allSign')}` : text;
}

/** An ISO duration in short words: `2天4小时`, `2d 4h`. */
export function durationText(iso: string, lang: Lang): string {
  const d = parseIsoDuration(iso);
  if (!d) return iso;
  const zh = lang !== 'en';
  const parts: [number, string, string][] = [
    [d.years, '年', 'y'],
    [d.months, '个月', 'mo'],
    [d.weeks, '周', 'w'],
    [d.days, '天', 'd'],
    [d.hours, '小时', 'h'],
    [d.minutes, '分钟', 'min'],
    [d.seconds, '秒', 's'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, z, e]) => (zh ? `${n}${z}` : `${n}${e}`))
    .join(zh ? '' : ' ');
}

const OPERATORS: Record<string, string> = {
  '==': '=',
  '===': '=',
  '!=': '≠',
  '!==': '≠',
  '>': '>',
  '>=': '≥',
  '<': '<',
  '<=': '≤',
  in: '∈',
};

/** A JSON Logic condition read aloud with the form's field labels; long ones are cut. */
export function conditionText(logic: unknown, label: (field: string) => string, lang: Lang): string {
  const text = (value: unknown, depth: number): string => {
    if (depth > 4) return '…';
    if (Array.isArray(value)) return value.map((v) => text(v, depth + 1)).join(', ');
    // A case just added has no condition yet (undefined, which JSON has no text for).
    if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? '';
    const [op, raw] = Object.entries(value as Record<string, unknown>)[0] ?? ['', undefined];
    const args = Array.isArray(raw) ? raw : [raw];
    if (op === 'var') return label(String(args[0]));
    if (op === '!') return `${lang === 'en' ? 'no' : '无'} ${text(args[0], depth + 1)}`;
    if (op === '!!') return `${lang === 'en' ? 'has' : '有'} ${text(args[0], depth + 1)}`;
    if (op === 'and' || op === 'or') {
      const word = op === 'and' ? (lang === 'en' ? ' and ' : ' 且 ') : lang === 'en' ? ' or ' : ' 或 ';
      return args.map((a) => text(a, depth + 1)).join(word);
    }
    if (OPERATORS[op] && args.length === 2)
      return `${text(args[0], depth + 1)} ${OPERATORS[op]} ${text(args[1], depth + 1)}`;
    return `${op}(${args.map((a) => text(a, depth + 1)).join(', ')})`;
  };
  const full = text(logic, 0);
  return full.length > 40 ? `${full.slice(0, 39)}…` : full;
}

/** What a transition's label says, and whether it is the branch's default path. */
export function edgeLabel(
  edge: FlowEdge,
  flow: FlowDef,
  bundle: Pick<AppBundle, 'forms'>,
  lang: Lang,
  t: T,
): { text?: string; isDefault: boolean } {
  const node = flow.nodes[edge.source];
  const c = /^cases\/(\d+)\/next$/.exec(edge.ref);
  if (node?.type === 'branch' && c) {
    const when = node.cases[Number(c[1])]?.when;
    return {
      text: conditionText(when, (f) => fieldLabel(bundle, flow.form, f, lang), lang),
      isDefault: false,
    };
  }
  if (edge.ref === 'default') return { text: t('defaultPath'), isDefault: true };
  if (edge.ref === 'onApprove') return { text: t('approve'), isDefault: false };
  if (edge.ref === 'onReject') return { text: t('reject'), isDefault: false };
  if (edge.kind === 'return') return { text: t('returnPath'), isDefault: false };
  if (edge.ref === 'onTimeout') return { text: t('timeout'), isDefault: false };
  if (edge.ref === 'onError') return { text: t('error'), isDefault: false };
  const o = /^outcomes\/(.+)$/.exec(edge.ref);
  if (o) return { text: o[1]!, isDefault: false };
  return { isDefault: false };
}
