/**
 * Where a form field is used, so the designer can show it before the field is deleted or its key
 * changes, and rewrite what can be rewritten. Reads a raw bundle defensively (a draft may be
 * invalid). Flow nodes, fields and widgets are walked through their kinds' property lists, so a
 * kind added later is covered by what it declares (`field`, `fields`, `assignees`, `rule`,
 * `template`, `mapping`, `list` controls). Besides those: related lists, list views, creation access, the
 * owner field, `startsFrom`, and sample data. A field's own definition is not a use of itself.
 */
import { widgetType } from '../dashboard/widgets/registry.js';
import { COMMON_WIDGET_PROPERTIES } from '../dashboard/widgets/registry.js';
import { pointer, pointerSegment } from '../errors.js';
import { COMMON_NODE_PROPERTIES, kindOf } from '../flow/kinds/registry.js';
import { COMMON_FIELD_PROPERTIES, fieldType } from '../form/fields/registry.js';
import { mapRuleVars, type VarScope } from '../rules/rule-vars.js';
import { analyzeTemplate } from '../template/template-check.js';
import { entries, isObject, keyAt, list, own, stringAt } from './bundle-reader.js';
import type { Bilingual, PropertySpec } from './property-list.js';

/** A form field, or a column of one of its tables (`field` is then the table). */
export interface FieldRef {
  form: string;
  field: string;
  column?: string;
}

/**
 * How the use names the field, which says how a key change rewrites it: `key` (the value is the
 * key), `list-item` (an entry of a list of keys), `map-key` (a property name), `rule` (JSON Logic
 * reading it), `template` (Handlebars text reading it: not rewritten), `data` (a sample record's
 * value).
 */
export type UsageVia = 'key' | 'list-item' | 'map-key' | 'rule' | 'template' | 'data';

export interface FieldUsage {
  /** JSON pointer of the value that names the field. */
  path: string;
  via: UsageVia;
  /** What uses it, for people. */
  description: Bilingual;
  /** With `renameTo`: the value to write at `path` (for `map-key` and `data`, the new name). */
  replacement?: unknown;
}

export interface FieldUsageOptions {
  /** Compute each use's `replacement` for this new key. */
  renameTo?: string;
}

type Text = (lang: 'en' | 'zh') => string;

/** Parts of a description, joined as each language writes them. */
function joined(lang: 'en' | 'zh', parts: readonly string[]): string {
  return parts.filter((s) => s !== '').join(lang === 'en' ? ' · ' : '· ');
}

function named(value: unknown, fallback: string): Text {
  return (lang) => {
    if (typeof value === 'string' && value !== '') return value;
    const own1 = stringAt(value, lang);
    const other = stringAt(value, lang === 'en' ? 'zh' : 'en');
    return own1 || other || fallback;
  };
}

/** Who holds a property: the prefix of its description and the context its rules run in. */
interface Owner {
  raw: unknown;
  /** The form whose record the owner's rules, templates and assignees read. */
  form: string | undefined;
  /** A column's table key: its rules read the row over the record. */
  table?: string;
  label: Text;
}

interface Walk {
  raw: unknown;
  ref: FieldRef;
  renameTo: string | undefined;
  out: FieldUsage[];
  /** Relation fields by form: field key → linked form key. */
  relations: Map<string, Map<string, string>>;
  formOfFlow: Map<string, string>;
}

function relationsOf(fields: unknown): Map<string, string> {
  const map = new Map<string, string>();
  for (const field of list(fields)) {
    const key = keyAt(field, 'key');
    const form = keyAt(field, 'form');
    if (key !== undefined && form !== undefined && stringAt(field, 'type') === 'relation') map.set(key, form);
  }
  return map;
}

function add(
  w: Walk,
  path: string,
  via: UsageVia,
  owner: Owner,
  trail: readonly Bilingual[],
  replacement?: unknown,
) {
  const tail = (lang: 'en' | 'zh') => trail.map((t) => t[lang]).join(' › ');
  const join = (lang: 'en' | 'zh') => joined(lang, [owner.label(lang), tail(lang)]);
  const usage: FieldUsage = { path, via, description: { en: join('en'), zh: join('zh') } };
  if (w.renameTo !== undefined) usage.replacement = replacement;
  w.out.push(usage);
}

/** Whether a variable name, read in `scope` by a rule of `owner`, is the field; its new name if so. */
function matchVar(w: Walk, owner: Owner, name: string, scope: VarScope): string | undefined {
  const { ref } = w;
  const segments = name.split('.');
  const [root, second] = segments;
  const renamed = (at: number) => {
    const copy = [...segments];
    copy[at] = w.renameTo ?? segments[at] ?? '';
    return copy.join('.');
  };
  if (owner.form === undefined) return undefined;
  const sameForm = owner.form === ref.form;
  if (ref.column === undefined) {
    if (scope.items) return undefined;
    const rowColumns = owner.table !== undefined ? columnKeys(w, owner.form, owner.table) : undefined;
    // In a column's rule the row's own columns win over the form's fields of the same name.
    if (rowColumns?.has(root ?? '')) return undefined;
    if (sameForm && root === ref.field) return renamed(0);
    const linked = w.relations.get(owner.form)?.get(root ?? '');
    if (linked === ref.form && second === ref.field) return renamed(1);
    return undefined;
  }
  if (!sameForm) return undefined;
  if (!scope.items) return owner.table === ref.field && root === ref.column ? renamed(0) : undefined;
  if (scope.items.of !== ref.field || owner.table !== undefined) return undefined;
  if (scope.items.reduce) return root === 'current' && second === ref.column ? renamed(1) : undefined;
  return root === ref.column ? renamed(0) : undefined;
}

function columnKeys(w: Walk, form: string, table: string): Set<string> {
  const formRaw = list(own(w.raw, 'forms')).find((f) => keyAt(f, 'key') === form);
  const tableRaw = list(own(formRaw, 'fields')).find((f) => keyAt(f, 'key') === table);
  return new Set(list(own(tableRaw, 'columns')).map((c) => keyAt(c, 'key') ?? ''));
}

function checkRule(w: Walk, logic: unknown, path: string, owner: Owner, trail: readonly Bilingual[]): void {
  if (logic === undefined) return;
  let hits = 0;
  const rewritten = mapRuleVars(logic, (name, scope) => {
    const next = matchVar(w, owner, name, scope);
    if (next === undefined) return name;
    hits += 1;
    return next;
  });
  if (hits > 0) add(w, path, 'rule', owner, trail, rewritten);
}

function checkTemplate(
  w: Walk,
  text: unknown,
  path: string,
  owner: Owner,
  trail: readonly Bilingual[],
): void {
  if (w.ref.column !== undefined || owner.form !== w.ref.form) return;
  const texts: [string, unknown][] = typeof text === 'string' ? [['', text]] : entries(text);
  for (const [lang, source] of texts) {
    if (typeof source !== 'string') continue;
    if (analyzeTemplate(source).roots.has(w.ref.field))
      add(w, lang === '' ? path : `${path}/${pointerSegment(lang)}`, 'template', owner, trail);
  }
}

/** Whose fields a `field`-like property names: the owner's form, or the form another property names. */
function fieldsFormOf(w: Walk, spec: PropertySpec, owner: Owner): string | undefined {
  if (spec.formFrom === undefined) return owner.form;
  const named = keyAt(owner.raw, spec.formFrom);
  if (named === undefined) return undefined;
  return spec.formFrom === 'flow' ? w.formOfFlow.get(named) : named;
}

function valueAt(raw: unknown, path: string): unknown {
  let value = raw;
  for (const segment of path.split('/').slice(1)) value = own(value, segment);
  return value;
}

function walkSpecs(
  w: Walk,
  specs: readonly PropertySpec[],
  raw: unknown,
  base: string,
  owner: Owner,
  trail: readonly Bilingual[],
) {
  const { ref, renameTo } = w;
  const isKey = (v: unknown) => ref.column === undefined && v === ref.field;
  for (const spec of specs) {
    const value = valueAt(raw, spec.path);
    if (value === undefined) continue;
    const path = base + spec.path;
    const here = [...trail, spec.label];
    const fieldsForm = fieldsFormOf(w, spec, owner);
    switch (spec.control) {
      case 'field':
        if (fieldsForm === ref.form && isKey(value)) add(w, path, 'key', owner, here, renameTo);
        break;
      case 'fields':
        list(value).forEach((item, i) => {
          if (fieldsForm === ref.form && isKey(item))
            add(w, `${path}/${i}`, 'list-item', owner, here, renameTo);
        });
        break;
      case 'assignees': {
        const rules = Array.isArray(value)
          ? value.map((r, i) => [r, `${path}/${i}`] as const)
          : [[value, path] as const];
        for (const [rule, at] of rules)
          if (owner.form === ref.form && isKey(own(rule, 'field')))
            add(w, `${at}/field`, 'key', owner, here, renameTo);
        break;
      }
      case 'rule':
        checkRule(w, value, path, owner, here);
        break;
      case 'template':
        checkTemplate(w, value, path, owner, here);
        break;
      case 'mapping':
        for (const [key, entry] of entries(value)) {
          const at = `${path}/${pointerSegment(key)}`;
          if (spec.mapKey === 'field' && fieldsForm === ref.form && isKey(key))
            add(w, at, 'map-key', owner, here, renameTo);
          if (spec.mapValue === 'rule') checkRule(w, entry, at, owner, here);
          if (spec.items) walkSpecs(w, spec.items, entry, at, owner, here);
        }
        break;
      case 'list':
        list(value).forEach((item, i) => {
          const numbered = { en: `${spec.label.en} ${i + 1}`, zh: `${spec.label.zh} ${i + 1}` };
          walkSpecs(w, spec.items ?? [], item, `${path}/${i}`, owner, [...trail, numbered]);
        });
        break;
      default:
        break;
    }
  }
}

function fieldSpecs(raw: unknown): readonly PropertySpec[] {
  return [...COMMON_FIELD_PROPERTIES, ...(fieldType(stringAt(raw, 'type'))?.description.properties ?? [])];
}

function walkForm(w: Walk, form: unknown, f: number): void {
  const formKey = keyAt(form, 'key');
  if (formKey === undefined) return;
  const { ref } = w;
  const same = formKey === ref.form;
  const formName = named(own(form, 'name'), formKey);
  const inForm = (lang: 'en' | 'zh') =>
    same ? [] : [lang === 'en' ? `Form “${formName('en')}”` : `表单“${formName('zh')}”`];
  const fieldLabel = (raw: unknown, key: string, lang: 'en' | 'zh') => {
    const label = named(own(raw, 'label'), key)(lang);
    return lang === 'en' ? `field “${label}” (${key})` : `字段“${label}”（${key}）`;
  };
  list(own(form, 'fields')).forEach((field, i) => {
    const key = keyAt(field, 'key') ?? '';
    const base = pointer('forms', f, 'fields', i);
    if (!(same && key === ref.field && ref.column === undefined)) {
      const owner: Owner = {
        raw: field,
        form: formKey,
        label: (lang) => joined(lang, [...inForm(lang), fieldLabel(field, key, lang)]),
      };
      walkSpecs(w, fieldSpecs(field), field, base, owner, []);
    }
    list(own(field, 'columns')).forEach((column, c) => {
      const columnKey = keyAt(column, 'key') ?? '';
      if (same && key === ref.field && columnKey === ref.column) return;
      const owner: Owner = {
        raw: column,
        form: formKey,
        table: key,
        label: (lang) => {
          const columnLabel = fieldLabel(column, columnKey, lang).replace(
            /^field|^字段/,
            lang === 'en' ? 'column' : '列',
          );
          return joined(lang, [...inForm(lang), `${fieldLabel(field, key, lang)} › ${columnLabel}`]);
        },
      };
      walkSpecs(w, fieldSpecs(column), column, `${base}/columns/${c}`, owner, []);
    });
  });
  walkFormExtras(w, form, f, formKey, (lang) => inForm(lang).join(''));
}

const words = (en: string, zh: string): Bilingual => ({ en, zh });

/** Related lists, creation access, owner field and `startsFrom` of one form. */
function walkFormExtras(w: Walk, form: unknown, f: number, formKey: string, prefix: Text): void {
  const { ref, renameTo } = w;
  const isKey = (v: unknown) => ref.column === undefined && v === ref.field;
  const same = formKey === ref.form;
  const base = pointer('forms', f);
  const formOwner: Owner = { raw: form, form: formKey, label: prefix };
  list(own(form, 'relatedLists')).forEach((related, r) => {
    const name = named(own(related, 'label'), keyAt(related, 'key') ?? '');
    const owner: Owner = {
      raw: related,
      form: formKey,
      label: (lang) =>
        joined(lang, [
          prefix(lang),
          lang === 'en' ? `related list “${name('en')}”` : `关联列表“${name('zh')}”`,
        ]),
    };
    const at = `${base}/relatedLists/${r}`;
    const listsRef = keyAt(related, 'form') === ref.form;
    list(own(related, 'match')).forEach((match, m) => {
      if (listsRef && isKey(own(match, 'field')))
        add(w, `${at}/match/${m}/field`, 'key', owner, [words('Matched field', '匹配字段')], renameTo);
      checkRule(w, own(match, 'value'), `${at}/match/${m}/value`, owner, [words('Matched value', '匹配值')]);
    });
    list(own(related, 'show')).forEach((shown, s) => {
      if (listsRef && isKey(shown))
        add(w, `${at}/show/${s}`, 'list-item', owner, [words('Columns shown', '显示的列')], renameTo);
    });
  });
  if (!same) return;
  walkViews(w, form, base, prefix);
  list(own(form, 'access')).forEach((entry, a) => {
    for (const [group, label] of [
      ['create', words('Fields filled at creation', '新建时可填字段')],
      ['read', words('Fields customers read', '客户可查看字段')],
    ] as const)
      list(own(entry, group)).forEach((key, k) => {
        if (isKey(key))
          add(
            w,
            `${base}/access/${a}/${group}/${k}`,
            'list-item',
            formOwner,
            [words(`Access ${a + 1}`, `权限 ${a + 1}`), label],
            renameTo,
          );
      });
  });
  if (isKey(own(form, 'ownerField')))
    add(w, `${base}/ownerField`, 'key', formOwner, [words('Record owner', '数据所有人字段')], renameTo);
  for (const part of ['app', 'form', 'record', 'title'] as const)
    if (isKey(own(own(form, 'startsFrom'), part)))
      add(
        w,
        `${base}/startsFrom/${part}`,
        'key',
        formOwner,
        [words(`Started from a case: its ${part}`, `从工单发起：接收其 ${part}`)],
        renameTo,
      );
}

/** A form's list views: their columns, sort field and filter. */
function walkViews(w: Walk, form: unknown, base: string, prefix: Text): void {
  const { ref, renameTo } = w;
  if (ref.column !== undefined) return;
  list(own(form, 'views')).forEach((view, v) => {
    const name = named(own(view, 'name'), keyAt(view, 'key') ?? '');
    const owner: Owner = {
      raw: view,
      form: ref.form,
      label: (lang) =>
        joined(lang, [prefix(lang), lang === 'en' ? `list view “${name('en')}”` : `列表视图“${name('zh')}”`]),
    };
    const at = `${base}/views/${v}`;
    list(own(view, 'columns')).forEach((key, c) => {
      if (key === ref.field)
        add(w, `${at}/columns/${c}`, 'list-item', owner, [words('Columns shown', '显示的列')], renameTo);
    });
    if (own(own(view, 'sort'), 'field') === ref.field)
      add(w, `${at}/sort/field`, 'key', owner, [words('Sorted by', '排序字段')], renameTo);
    checkRule(w, own(view, 'filter'), `${at}/filter`, owner, [words('Filter', '筛选条件')]);
  });
}

function walkFlows(w: Walk): void {
  list(own(w.raw, 'flows')).forEach((flow, fl) => {
    const form = keyAt(flow, 'form');
    const flowName = named(own(flow, 'name'), keyAt(flow, 'key') ?? '');
    for (const [id, node] of entries(own(flow, 'nodes'))) {
      const kind = kindOf({ type: stringAt(node, 'type') ?? '' });
      if (!kind) continue;
      const nodeName = named(own(node, 'name'), id);
      const owner: Owner = {
        raw: node,
        form,
        label: (lang) =>
          lang === 'en'
            ? `Flow “${flowName('en')}” · step “${nodeName('en')}” (${id})`
            : `流程“${flowName('zh')}”· 节点“${nodeName('zh')}”（${id}）`,
      };
      walkSpecs(
        w,
        [...COMMON_NODE_PROPERTIES, ...kind.properties],
        node,
        pointer('flows', fl, 'nodes', id),
        owner,
        [],
      );
    }
  });
}

function walkDashboards(w: Walk): void {
  list(own(w.raw, 'dashboards')).forEach((dashboard, d) => {
    const boardName = named(own(dashboard, 'name'), keyAt(dashboard, 'key') ?? '');
    list(own(dashboard, 'widgets')).forEach((widget, i) => {
      const title = named(own(widget, 'title'), keyAt(widget, 'key') ?? '');
      const owner: Owner = {
        raw: widget,
        form: keyAt(widget, 'form'),
        label: (lang) =>
          lang === 'en'
            ? `Dashboard “${boardName('en')}” · widget “${title('en')}”`
            : `仪表盘“${boardName('zh')}”· 组件“${title('zh')}”`,
      };
      const specs = [
        ...COMMON_WIDGET_PROPERTIES,
        ...(widgetType(stringAt(widget, 'type'))?.properties ?? []),
      ];
      walkSpecs(w, specs, widget, pointer('dashboards', d, 'widgets', i), owner, []);
    });
    walkDashboardFilters(w, dashboard, d, boardName);
  });
}

/**
 * A dashboard's designed filters name a field by key for every widget form that has it, so they
 * use the field when a widget of the dashboard reads its form.
 */
function walkDashboardFilters(w: Walk, dashboard: unknown, d: number, boardName: Text): void {
  const { ref, renameTo } = w;
  const filters = own(dashboard, 'filters');
  if (filters === undefined || ref.column !== undefined) return;
  const reads = list(own(dashboard, 'widgets')).some((widget) => keyAt(widget, 'form') === ref.form);
  if (!reads) return;
  const owner: Owner = {
    raw: filters,
    form: ref.form,
    label: (lang) =>
      lang === 'en' ? `Dashboard “${boardName('en')}” · filters` : `仪表盘“${boardName('zh')}”· 筛选条件`,
  };
  if (keyAt(own(filters, 'date'), 'field') === ref.field)
    add(
      w,
      pointer('dashboards', d, 'filters', 'date', 'field'),
      'key',
      owner,
      [words('Period on', '时间字段')],
      renameTo,
    );
  list(own(filters, 'fields')).forEach((key, i) => {
    if (key === ref.field)
      add(
        w,
        pointer('dashboards', d, 'filters', 'fields', i),
        'list-item',
        owner,
        [words('Filter', '筛选字段')],
        renameTo,
      );
  });
}

function walkSampleData(w: Walk): void {
  if (w.ref.column !== undefined) return;
  list(own(own(w.raw, 'sampleData'), w.ref.form)).forEach((record, i) => {
    if (!isObject(record) || !Object.prototype.hasOwnProperty.call(record, w.ref.field)) return;
    const owner: Owner = { raw: record, form: w.ref.form, label: () => '' };
    add(
      w,
      pointer('sampleData', w.ref.form, i, w.ref.field),
      'data',
      owner,
      [words(`Sample record ${i + 1}`, `示例数据 ${i + 1}`)],
      w.renameTo,
    );
  });
}

/** Every use of a form field (or table column) in the bundle, in bundle order. */
export function fieldUsages(bundle: unknown, ref: FieldRef, options: FieldUsageOptions = {}): FieldUsage[] {
  const relations = new Map<string, Map<string, string>>();
  const forms = list(own(bundle, 'forms'));
  for (const form of forms) {
    const key = keyAt(form, 'key');
    if (key !== undefined && !relations.has(key)) relations.set(key, relationsOf(own(form, 'fields')));
  }
  const formOfFlow = new Map<string, string>();
  for (const flow of list(own(bundle, 'flows'))) {
    const key = keyAt(flow, 'key');
    const form = keyAt(flow, 'form');
    if (key !== undefined && form !== undefined) formOfFlow.set(key, form);
  }
  const w: Walk = { raw: bundle, ref, renameTo: options.renameTo, out: [], relations, formOfFlow };
  forms.forEach((form, f) => walkForm(w, form, f));
  walkFlows(w);
  walkDashboards(w);
  walkSampleData(w);
  return w.out;
}
