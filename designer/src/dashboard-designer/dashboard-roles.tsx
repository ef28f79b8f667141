/**
 * Who may see the dashboard: a checkbox per role the draft declares. None ticked means everyone
 * who uses the app; the server and the web app show a limited dashboard only to holders of a ticked
 * role (and to admins and the app's designers, who made it).
 */
import type { DashboardDef, RoleDef } from '../../../engine/definition/types.js';
import { loc } from '../../../ui/i18n.js';
import { useDashboardWords } from './words.js';

export function DashboardRoles(props: {
  roles: RoleDef[];
  dashboard: DashboardDef;
  onChange(roles: string[]): void;
}) {
  const { t, lang } = useDashboardWords();
  const chosen = props.dashboard.roles ?? [];
  const toggle = (key: string, on: boolean) => {
    const next = on ? [...chosen, key] : chosen.filter((r) => r !== key);
    // Kept in the draft's role order, so the same choice always saves the same.
    props.onChange(props.roles.map((r) => r.key).filter((k) => next.includes(k)));
  };
  return (
    <fieldset className="dd-name dd-roles" data-testid="dashboard-roles">
      <legend>{t('visibleTo')}</legend>
      <p className="muted" data-testid="dashboard-roles-summary">
        {chosen.length === 0 ? t('visibleToEveryone') : t('visibleToChosen')}
      </p>
      {props.roles.map((role) => (
        <label key={role.key}>
          <input
            type="checkbox"
            data-testid={`dashboard-role-${role.key}`}
            checked={chosen.includes(role.key)}
            onChange={(e) => toggle(role.key, e.target.checked)}
          />
          <span>{loc(role.name, lang) || role.key}</span>
        </label>
      ))}
    </fieldset>
  );
}
