/**
 * An index of a raw bundle's forms, fields, roles and flow nodes, built once and read by every
 * semantic check. Only entries with valid keys are indexed; for a duplicate key the first wins
 * (the duplicate is reported by `key-checks.ts`).
 */
import { pointer, pointerSegment } from '../errors.js';
import { entries, keyAt, list, own, stringAt } from './bundle-reader.js';

export interface FieldInfo {
  key: string;
  type: string | undefined;
  path: string;
  raw: unknown;
  /** Column fields of a `table`, by key. */
  columns: ReadonlyMap<string, FieldInfo>;
}

export interface FormInfo {
  key: string;
  path: string;
  raw: unknown;
  fields: ReadonlyMap<string, FieldInfo>;
  fieldKeys: ReadonlySet<string>;
}

export interface NodeInfo {
  id: string;
  type: string | undefined;
  path: string;
  raw: unknown;
}

export interface FlowInfo {
  key: string | undefined;
  index: number;
  path: string;
  raw: unknown;
  /** The flow's form, when it names one that exists. */
  form: FormInfo | undefined;
  nodes: ReadonlyMap<string, NodeInfo>;
}

export interface BundleIndex {
  raw: unknown;
  forms: ReadonlyMap<string, FormInfo>;
  roles: ReadonlySet<string>;
  /** False when `forms`/`roles` is not a list: references to them cannot be judged, so are not. */
  formsReadable: boolean;
  rolesReadable: boolean;
  flows: readonly FlowInfo[];
}

/** Role keys every app may use without declaring them (README.md here: role `admin` is built in). */
export const BUILTIN_ROLES: ReadonlySet<string> = new Set(['admin']);

function indexFields(raw: unknown, path: string): Map<string, FieldInfo> {
  const fields = new Map<string, FieldInfo>();
  list(raw).forEach((field, i) => {
    const key = keyAt(field, 'key');
    if (key === undefined || fields.has(key)) return;
    const fieldPath = `${path}/${i}`;
    fields.set(key, {
      key,
      type: stringAt(field, 'type'),
      path: fieldPath,
      raw: field,
      columns: indexFields(own(field, 'columns'), `${fieldPath}/columns`),
    });
  });
  return fields;
}

export function indexBundle(raw: unknown): BundleIndex {
  const forms = new Map<string, FormInfo>();
  list(own(raw, 'forms')).forEach((form, i) => {
    const key = keyAt(form, 'key');
    if (key === undefined || forms.has(key)) return;
    const path = pointer('forms', i);
    const fields = indexFields(own(form, 'fields'), `${path}/fields`);
    forms.set(key, { key, path, raw: form, fields, fieldKeys: new Set(fields.keys()) });
  });

  const roles = new Set<string>(BUILTIN_ROLES);
  for (const role of list(own(raw, 'roles'))) {
    const key = keyAt(role, 'key');
    if (key !== undefined) roles.add(key);
  }

  const flows = list(own(raw, 'flows')).map((flow, index): FlowInfo => {
    const path = pointer('flows', index);
    const nodes = new Map<string, NodeInfo>();
    for (const [id, node] of entries(own(flow, 'nodes'))) {
      nodes.set(id, {
        id,
        type: stringAt(node, 'type'),
        path: `${path}/nodes/${pointerSegment(id)}`,
        raw: node,
      });
    }
    const formKey = keyAt(flow, 'form');
    return {
      key: keyAt(flow, 'key'),
      index,
      path,
      raw: flow,
      form: formKey === undefined ? undefined : forms.get(formKey),
      nodes,
    };
  });

  return {
    raw,
    forms,
    roles,
    flows,
    formsReadable: Array.isArray(own(raw, 'forms')),
    rolesReadable: Array.isArray(own(raw, 'roles')),
  };
}
