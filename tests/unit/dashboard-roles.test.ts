/**
 * Who may see a dashboard (issue 22): a dashboard may name the app roles it is for. It must name
 * declared roles, each once; its holders, the app's admins and its designers see it; a dashboard
 * naming no role is for everyone who uses the app, as before.
 */
import { describe, expect, it } from 'vitest';
import type { AppBundle } from '../../engine/index.js';
import { canSeeDashboard, withVisibleDashboards } from '../../runtime/apps/app-access.js';
import type { Actor } from '../../runtime/cases/types.js';
import { found, validBundle, type Loose } from './definition-test-kit.js';

const actor = (...roles: string[]): Actor => ({ id: 'u1', roles }) as unknown as Actor;

function problemsOf(bundle: Loose) {
  return found(bundle).filter((p) => p.path.startsWith('/dashboards/'));
}

describe('dashboard roles in the definition', () => {
  it('accepts a dashboard shown to declared roles', () => {
    const bundle = validBundle();
    bundle.dashboards[0].roles = ['service_desk', 'technician'];
    expect(problemsOf(bundle)).toEqual([]);
  });

  it('flags a role the app does not declare, at its path', () => {
    const bundle = validBundle();
    bundle.dashboards[0].roles = ['service_desk', 'auditor'];
    expect(problemsOf(bundle)).toEqual([{ path: '/dashboards/0/roles/1', code: 'ref.unknown_role' }]);
  });

  it('refuses a role named twice', () => {
    const bundle = validBundle();
    bundle.dashboards[0].roles = ['technician', 'technician'];
    expect(problemsOf(bundle).map((p) => p.path)).toEqual(['/dashboards/0/roles']);
  });
});

describe('who sees a dashboard', () => {
  const bundle = (): AppBundle => {
    const b = validBundle();
    b.roles.push({ key: 'designer', name: { en: 'Designer' }, design: true });
    b.dashboards.push({ ...b.dashboards[0], key: 'desk_only', roles: ['service_desk'] });
    return b as AppBundle;
  };

  it('shows a limited dashboard to holders of its roles, admins and designers only', () => {
    const b = bundle();
    const limited = b.dashboards[1]!;
    expect(canSeeDashboard(b, limited, actor('service_desk'))).toBe(true);
    expect(canSeeDashboard(b, limited, actor('admin'))).toBe(true);
    expect(canSeeDashboard(b, limited, actor('designer'))).toBe(true);
    expect(canSeeDashboard(b, limited, actor('technician'))).toBe(false);
    expect(canSeeDashboard(b, limited, actor('customer'))).toBe(false);
  });

  it('shows a dashboard naming no role to everyone who uses the app', () => {
    const b = bundle();
    expect(withVisibleDashboards(b, actor('technician')).dashboards.map((d) => d.key)).toEqual([
      b.dashboards[0]!.key,
    ]);
    expect(withVisibleDashboards(b, actor('service_desk')).dashboards.map((d) => d.key)).toEqual(
      b.dashboards.map((d) => d.key),
    );
  });
});
