/**
 * Who handles a task (or is notified, escalated to, copied): a list of the engine's assignee
 * rules, each a role, a user picked from the app's people, a user field of the form, the
 * submitter, or the case's customer (the form's owner field: the customer's account). Several
 * rules add up; 或签/会签 is the node's `mode`.
 */
import type { AssigneeRule } from '../../../../engine/definition/types.js';
import { loc } from '../../../../ui/i18n.js';
import { fieldChoices, SelectControl, type Choice } from './simple-controls.js';
import { usePanel } from './panel-context.js';
import { usePanelWords, type PanelWordKey } from './words.js';

type Kind = 'role' | 'user' | 'field' | 'submitter' | 'customer';

const KIND_WORDS: Record<Kind, PanelWordKey> = {
  role: 'assigneeRole',
  user: 'assigneeUser',
  field: 'assigneeField',
  submitter: 'assigneeSubmitter',
  customer: 'assigneeCustomer',
};

function kindOf(rule: AssigneeRule, ownerField: string | undefined): Kind {
  if ('role' in rule) return 'role';
  if ('user' in rule) return 'user';
  if ('field' in rule) return ownerField !== undefined && rule.field === ownerField ? 'customer' : 'field';
  return 'submitter';
}

export function rulesOf(value: unknown): AssigneeRule[] {
  if (Array.isArray(value)) return value as AssigneeRule[];
  if (value !== null && typeof value === 'object') return [value as AssigneeRule];
  return [];
}

export function AssigneeEditor({
  id,
  label,
  value,
  onChange,
  fieldTypes,
  single,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (next: AssigneeRule[] | AssigneeRule | undefined) => void;
  fieldTypes?: readonly string[];
  /** The property takes one rule or a list (a task's `assignee`): one rule is written as it is. */
  single?: boolean;
}) {
  const { t } = usePanelWords();
  const { bundle, form, lang, users } = usePanel();
  const rules = rulesOf(value);
  const ownerField = form?.ownerField;
  const kinds: Kind[] = [
    'role',
    'user',
    'field',
    'submitter',
    ...(ownerField ? (['customer'] as const) : []),
  ];
  const write = (next: AssigneeRule[]) =>
    onChange(next.length === 0 ? undefined : single && next.length === 1 ? next[0] : next);
  const replace = (i: number, rule: AssigneeRule) => write(rules.map((r, j) => (j === i ? rule : r)));
  const roles: Choice[] = bundle.roles.map((r) => ({
    value: r.key,
    label: `${loc(r.name, lang)} (${r.key})`,
  }));
  const userFields = fieldChoices(form?.fields ?? [], lang, fieldTypes).filter((c) => c.value !== ownerField);
  const fresh = (kind: Kind): AssigneeRule => {
    switch (kind) {
      case 'role':
        return { role: roles[0]?.value ?? '' };
      case 'user':
        return { user: Array.isArray(users) ? (users[0]?.id ?? '') : '' };
      case 'field':
        return { field: userFields[0]?.value ?? '' };
      case 'customer':
        return { field: ownerField ?? '' };
      default:
        return { submitter: true };
    }
  };
  return (
    <div className="fp-assignees" id={id} tabIndex={-1} role="group" aria-label={label}>
      {rules.length === 0 && <p className="fp-muted">{t('noAssignee')}</p>}
      {rules.map((rule, i) => {
        const kind = kindOf(rule, ownerField);
        const rowId = `${id}/${i}`;
        return (
          <div className="fp-assignee" key={i} data-testid={`assignee-${i}`}>
            <select
              id={rowId}
              aria-label={`${label} ${i + 1}`}
              value={kind}
              onChange={(e) => replace(i, fresh(e.target.value as Kind))}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(KIND_WORDS[k])}
                </option>
              ))}
            </select>
            {kind === 'role' && 'role' in rule && (
              <SelectControl
                id={`${rowId}/role`}
                label={t('assigneeRole')}
                value={rule.role}
                required
                options={roles}
                onChange={(v) => replace(i, { role: typeof v === 'string' ? v : '' })}
              />
            )}
            {kind === 'user' &&
              'user' in rule &&
              (Array.isArray(users) ? (
                <SelectControl
                  id={`${rowId}/user`}
                  label={t('pickUser')}
                  value={rule.user}
                  required
                  options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
                  onChange={(v) => replace(i, { user: typeof v === 'string' ? v : '' })}
                />
              ) : (
                <input
                  id={`${rowId}/user`}
                  aria-label={t('userId')}
                  placeholder={users === 'unavailable' ? t('usersUnavailable') : t('userId')}
                  title={users === 'unavailable' ? t('usersUnavailable') : undefined}
                  value={rule.user}
                  onChange={(e) => replace(i, { user: e.target.value })}
                />
              ))}
            {kind === 'field' && 'field' in rule && (
              <SelectControl
                id={`${rowId}/field`}
                label={t('assigneeField')}
                value={rule.field}
                required
                options={userFields}
                onChange={(v) => replace(i, { field: typeof v === 'string' ? v : '' })}
              />
            )}
            {kind === 'customer' && (
              <span className="fp-muted">{t('customerVia', { field: ownerField ?? '' })}</span>
            )}
            <button type="button" className="fp-link" onClick={() => write(rules.filter((_, j) => j !== i))}>
              {t('remove')}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="fp-add"
        data-testid={`${id}-add`}
        onClick={() => write([...rules, fresh('role')])}
      >
        + {t('addAssignee')}
      </button>
    </div>
  );
}
