/**
 * Turns assignee rules into concrete users and roles, at the moment a task opens (or a
 * notification is sent), and answers "may this actor act on it?".
 */
import type { AssigneeRule } from '../definition/types.js';
import type { StepContext } from './step-context.js';
import type { Assignee } from './types.js';

export function sameAssignee(a: Assignee, b: Assignee): boolean {
  return 'user' in a ? 'user' in b && a.user === b.user : 'role' in b && a.role === b.role;
}

/**
 * Resolves rules against the record as it stands: `{role}` stays a role, `{user}` is that user,
 * `{field}` is the user id held in that field (nothing when empty), `{submitter: true}` is the
 * record's creator. With `expandRoles` (for `mode: all`) each role becomes its holders from
 * `env.usersInRole`; a role nobody holds (or no `usersInRole`) stays a role, approved by any holder.
 * Duplicates are removed; order follows the rules.
 */
export function resolveAssignees(
  ctx: StepContext,
  rules: AssigneeRule | AssigneeRule[] | undefined,
  expandRoles = false,
): Assignee[] {
  const list = rules === undefined ? [] : Array.isArray(rules) ? rules : [rules];
  const out: Assignee[] = [];
  const add = (a: Assignee): void => {
    if (!out.some((b) => sameAssignee(a, b))) out.push(a);
  };
  for (const rule of list) {
    if ('role' in rule) {
      const users = expandRoles ? (ctx.env.usersInRole?.(rule.role) ?? []) : [];
      if (users.length > 0) users.forEach((user) => add({ user }));
      else add({ role: rule.role });
    } else if ('user' in rule) {
      add({ user: rule.user });
    } else if ('field' in rule) {
      const value = ctx.record[rule.field];
      if (typeof value === 'string' && value !== '') add({ user: value });
    } else if (rule.submitter) {
      add({ user: ctx.env.submitter });
    }
  }
  return out;
}

/** Whether `assignee` is the actor: the same user, or a role among the actor's roles. */
export function actorMatches(assignee: Assignee, actor: string, roles: readonly string[]): boolean {
  return 'user' in assignee ? assignee.user === actor : roles.includes(assignee.role);
}
