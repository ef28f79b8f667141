/**
 * The record a notification or webhook template is rendered over while it is designed: the first
 * saved scenario of the flow (its record and the related records it names), else the form's first
 * sample record, else an example value per field. Relations are resolved by the template worker
 * through `related` exactly as the runtime's `lookup` resolves them.
 */
import type { AppBundle, FieldDef, FormDef } from '../../../../engine/definition/types.js';

export interface SampleRecord {
  /** Where it came from, to say so under the rendering. */
  source: { kind: 'scenario'; key: string } | { kind: 'sample' } | { kind: 'example' };
  data: Record<string, unknown>;
  /** form → id → record, for relation fields. */
  related: Record<string, Record<string, Record<string, unknown>>>;
}

const EXAMPLE_DAY = '2026-05-01';

function exampleValue(field: FieldDef, bundle: AppBundle, related: SampleRecord['related']): unknown {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'address':
      return typeof field.label === 'string' ? field.label : (field.label.zh ?? field.label.en ?? field.key);
    case 'number':
    case 'integer':
    case 'rating':
      return 3;
    case 'money':
      return 1280;
    case 'date':
      return EXAMPLE_DAY;
    case 'datetime':
      return `${EXAMPLE_DAY}T09:30:00.000Z`;
    case 'boolean':
      return true;
    case 'select':
      return field.options?.[0]?.value;
    case 'multiselect':
      return field.options?.slice(0, 2).map((o) => o.value);
    case 'phone':
      return '13800000000';
    case 'email':
      return 'someone@example.com';
    case 'autonumber':
      return 'NO-0001';
    case 'user':
      return 'user-1';
    case 'relation': {
      const first = field.form ? bundle.sampleData?.[field.form]?.[0] : undefined;
      if (!first || !field.form) return undefined;
      related[field.form] = { ...related[field.form], 'sample-1': first };
      return 'sample-1';
    }
    default:
      return undefined;
  }
}

export function sampleRecord(bundle: AppBundle, flowKey: string): SampleRecord {
  const flow = bundle.flows.find((f) => f.key === flowKey);
  const form: FormDef | undefined = bundle.forms.find((f) => f.key === flow?.form);
  const scenario = bundle.scenarios?.find((s) => s.flow === flowKey);
  // A stored record always has its numbers, which a scenario or sample never types.
  const numbered = (data: Record<string, unknown>) => {
    for (const field of form?.fields ?? [])
      if (field.type === 'autonumber' && data[field.key] === undefined)
        data[field.key] = exampleValue(field, bundle, {});
    return data;
  };
  if (scenario) {
    return {
      source: { kind: 'scenario', key: scenario.key },
      data: numbered({ ...scenario.record }),
      related: structuredClone(scenario.records ?? {}),
    };
  }
  const related: SampleRecord['related'] = {};
  const sample = form ? bundle.sampleData?.[form.key]?.[0] : undefined;
  if (sample) return { source: { kind: 'sample' }, data: numbered({ ...sample }), related };
  const data: Record<string, unknown> = {};
  for (const field of form?.fields ?? []) {
    const value = exampleValue(field, bundle, related);
    if (value !== undefined) data[field.key] = value;
  }
  return { source: { kind: 'example' }, data, related };
}

/** The builtins a notification may read (`{{record.id}}`, `{{task.name}}`, `{{app.name}}`…). */
export function sampleBuiltins(bundle: AppBundle, language: 'en' | 'zh'): Record<string, unknown> {
  const name = typeof bundle.name === 'string' ? bundle.name : (bundle.name[language] ?? bundle.key);
  return {
    $today: EXAMPLE_DAY,
    $now: `${EXAMPLE_DAY}T09:30:00.000Z`,
    $user: 'user-1',
    record: { id: 'R-0001', createdAt: `${EXAMPLE_DAY}T09:30:00.000Z` },
    task: {
      id: 'T-0001',
      name: language === 'zh' ? '审批' : 'Approval',
      dueAt: `${EXAMPLE_DAY}T17:30:00.000Z`,
      url: '/tasks/T-0001',
    },
    instance: { id: 'I-0001', status: 'active' },
    app: { key: bundle.key, name },
  };
}
