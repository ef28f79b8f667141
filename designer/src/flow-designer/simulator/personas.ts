/**
 * Who the designer can act as in a run: the record's submitter, someone for each role of the app
 * (two for a role a 会签 task (`mode: all`) or its SLA names, so each signature can be given),
 * each user a task names, and each user the sample record names in a `user` field (the technician
 * a task is assigned to through `{field: technician}`). Pure, so the panel and its tests agree.
 */
import type {
  AppBundle,
  AssigneeRule,
  FlowDef,
  ScenarioPersona,
} from '../../../../engine/definition/types.js';

/** A persona with what the panel calls them. */
export interface SimPersona extends ScenarioPersona {
  /** The role key they stand for, or `submitter`, or a user field's key. */
  as:
    | { kind: 'submitter' }
    | { kind: 'role'; role: string }
    | { kind: 'user' }
    | { kind: 'field'; field: string };
}

/** The submitter's user id in a fresh run. */
export const SUBMITTER = 'submitter';

function rulesOf(value: AssigneeRule | AssigneeRule[] | undefined): AssigneeRule[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Every assignee rule the flow names (tasks, their SLAs, event fallbacks), with whether a 会签 task names it. */
function assigneeRules(flow: FlowDef): { rule: AssigneeRule; all: boolean }[] {
  const out: { rule: AssigneeRule; all: boolean }[] = [];
  for (const node of Object.values(flow.nodes)) {
    if (node.type === 'task') {
      const all = node.mode === 'all';
      for (const rule of rulesOf(node.assignee)) out.push({ rule, all });
      for (const rule of [...(node.sla?.escalateTo ?? []), ...(node.sla?.cc ?? [])]) out.push({ rule, all });
    } else if (node.type === 'event' && node.fallback) {
      for (const rule of rulesOf(node.fallback.assignee)) out.push({ rule, all: false });
    }
  }
  return out;
}

/** The roles of the app that hold customers (the submitter of a fresh run holds them). */
export function customerRoles(bundle: AppBundle): string[] {
  return bundle.roles.filter((r) => r.customer === true).map((r) => r.key);
}

/**
 * The personas of a fresh run of `flowKey` on `record`: the submitter first, then the roles, then
 * named users. A role nobody's task names still gets one persona (a designer may try anyone).
 */
export function personasOf(
  bundle: AppBundle,
  flowKey: string,
  record: Record<string, unknown>,
  submitter: ScenarioPersona = { user: SUBMITTER, roles: customerRoles(bundle) },
): SimPersona[] {
  const flow = bundle.flows.find((f) => f.key === flowKey);
  const out: SimPersona[] = [{ ...submitter, as: { kind: 'submitter' } }];
  const taken = new Set([submitter.user]);
  const add = (p: SimPersona) => {
    if (taken.has(p.user)) return;
    taken.add(p.user);
    out.push(p);
  };
  const rules = flow ? assigneeRules(flow) : [];
  const customer = new Set(customerRoles(bundle));
  for (const role of bundle.roles) {
    if (customer.has(role.key)) continue;
    const count = rules.some((r) => r.all && 'role' in r.rule && r.rule.role === role.key) ? 2 : 1;
    for (let i = 1; i <= count; i += 1)
      add({ user: `${role.key}_${i}`, roles: [role.key], as: { kind: 'role', role: role.key } });
  }
  for (const { rule } of rules) if ('user' in rule) add({ user: rule.user, roles: [], as: { kind: 'user' } });
  const form = flow ? bundle.forms.find((f) => f.key === flow.form) : undefined;
  for (const field of form?.fields ?? []) {
    const value = record[field.key];
    if (field.type === 'user' && typeof value === 'string' && value !== '')
      add({ user: value, roles: [], as: { kind: 'field', field: field.key } });
  }
  return out;
}

/** The personas of a saved scenario: its submitter and its people as saved. */
export function scenarioPersonas(submitter: ScenarioPersona, people: ScenarioPersona[] = []): SimPersona[] {
  const seen = new Set<string>();
  return [
    { ...submitter, as: { kind: 'submitter' as const } },
    ...people.map((p) => ({ ...p, as: { kind: 'user' as const } })),
  ].filter((p) => !seen.has(p.user) && (seen.add(p.user), true));
}

/** A persona as saved in a scenario (without the panel's label). */
export function plain({ user, roles }: SimPersona): ScenarioPersona {
  return roles && roles.length > 0 ? { user, roles: [...roles] } : { user };
}
