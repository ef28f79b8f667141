/**
 * What rules and form writes see during a step: the record as it stands, the injected clock and
 * actor, and relation lookups (`customer.tier` resolves the `customer` field's record).
 */
import type { RuleScope } from '../rules/index.js';
import type { SubmitOptions } from '../form/types.js';
import type { StepContext } from './step-context.js';

/** The scope for `evaluateRule`: record data, `$today`, `$now`, `$user` and relation lookups. */
export function ruleScope(ctx: StepContext): RuleScope {
  const { env } = ctx;
  const scope: RuleScope = { data: ctx.record, today: env.today, now: env.now, user: env.actor };
  const lookup = env.lookup;
  if (lookup) {
    // Rules name the relation field; the lookup wants the form that field links to.
    scope.lookup = (field, id) => {
      const form = env.form.fields.find((f) => f.key === field && f.type === 'relation')?.form;
      return form === undefined ? undefined : lookup(form, id);
    };
  }
  return scope;
}

/** The clock, actor and lookup part of `CompiledForm.submit` options. */
export function formContext(ctx: StepContext): Pick<SubmitOptions, 'now' | 'today' | 'user' | 'lookup'> {
  const { env } = ctx;
  return env.lookup
    ? { now: env.now, today: env.today, user: env.actor, lookup: env.lookup }
    : { now: env.now, today: env.today, user: env.actor };
}
