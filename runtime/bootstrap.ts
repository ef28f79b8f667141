/**
 * First start: the `admin` account (password from FLOWCASE_ADMIN_PASSWORD, or generated and
 * printed once), the after-sales template, and one demo user per role with printed passwords
 * (unless FLOWCASE_DEMO=0), the demo customer with a customer record linked to their account.
 * Every step checks what exists, so later starts change nothing. A configured password must pass
 * the password policy for every account it is set on, or the first start stops with the reason.
 * Password settings apply to the accounts they create only: a later start names the accounts that
 * existed and the settings it did not apply (`flowcase users reset-password <name>` changes one).
 */
import { assertAcceptablePassword } from './auth/password-policy.js';
import { hashPassword } from './auth/passwords.js';
import { generatePassword } from './auth/tokens.js';
import { SYSTEM_ACTOR } from './cases/types.js';
import type { Services } from './services.js';

export const FLAGSHIP_TEMPLATE = 'after_sales';

/**
 * Demo accounts: username → roles and display names, for the after-sales template's roles. A
 * display name is a person's name only: pickers and timelines add the role's label themselves.
 */
export const DEMO_USERS: readonly {
  username: string;
  displayName: string;
  roles: string[];
  language: 'zh-CN' | 'en';
}[] = [
  { username: 'customer', displayName: '王小明', roles: ['customer'], language: 'zh-CN' },
  { username: 'desk', displayName: '李服务台', roles: ['service_desk'], language: 'zh-CN' },
  { username: 'tech', displayName: '张工', roles: ['technician'], language: 'zh-CN' },
  { username: 'cashier', displayName: '陈出纳', roles: ['cashier'], language: 'zh-CN' },
  { username: 'shipper', displayName: '赵发货', roles: ['shipper'], language: 'zh-CN' },
  { username: 'qa', displayName: '孙质检', roles: ['qa'], language: 'zh-CN' },
  { username: 'supervisor', displayName: '周主管', roles: ['supervisor'], language: 'zh-CN' },
  { username: 'ops', displayName: 'Olivia Ops', roles: ['ops'], language: 'en' },
];

/**
 * The demo customer's own entry in the after-sales customers form. Its `account` (the form's
 * owner field) is set to the demo `customer` user, so that user can see and choose it.
 */
export const DEMO_CUSTOMER_RECORD: Readonly<Record<string, unknown>> = {
  name: '王小明',
  phone: '+86 137-0000-1234',
  email: 'wang.xiaoming@example.com',
  address: {
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    street: '文三路 90 号 2 幢 501 室',
    postcode: '310012',
  },
  tier: 'regular',
  preferred_channel: 'inapp',
};

/** Creates the demo customer's linked customer record unless one already names their account. */
async function linkDemoCustomer(services: Services, app: string): Promise<void> {
  const { store } = services;
  const user = await store.getUserByUsername('customer');
  const current = (await store.getApp(app))?.currentVersion;
  const bundle =
    current === undefined || current === null ? undefined : (await store.getAppVersion(app, current))?.bundle;
  const owner = bundle?.forms.find((f) => f.key === 'customers')?.ownerField;
  if (!user || !user.roles.includes('customer') || owner === undefined) return;
  const linked = await store.listRecords(app, 'customers', {
    filter: { '==': [{ var: owner }, user.id] },
    limit: 1,
  });
  if (linked.items.length > 0) return;
  await services.cases.createRecord(
    app,
    'customers',
    { ...DEMO_CUSTOMER_RECORD, [owner]: user.id },
    SYSTEM_ACTOR,
  );
}

export interface BootstrapReport {
  /** Passwords generated in this run (printed once, never stored in clear). */
  created: { username: string; password: string }[];
  /** The admin and demo accounts that existed before this start (their passwords were printed on an earlier one). */
  existing: string[];
  /**
   * Password settings given for accounts that already existed: they are not applied (a setting left
   * in an environment file must not undo a password changed since), which the start says.
   */
  unappliedSettings: ('FLOWCASE_ADMIN_PASSWORD' | 'FLOWCASE_DEMO_PASSWORD')[];
  installedTemplate: boolean;
}

export async function bootstrap(
  services: Services,
  options: { demo: boolean; adminPassword?: string; template?: string | null },
): Promise<BootstrapReport> {
  const { store } = services;
  const report: BootstrapReport = {
    created: [],
    existing: [],
    unappliedSettings: [],
    installedTemplate: false,
  };
  if (await store.getUserByUsername('admin')) {
    report.existing.push('admin');
    if (options.adminPassword !== undefined) report.unappliedSettings.push('FLOWCASE_ADMIN_PASSWORD');
  } else {
    const password = options.adminPassword ?? generatePassword();
    assertAcceptablePassword(password, 'admin', 'FLOWCASE_ADMIN_PASSWORD');
    await store.createUser({
      username: 'admin',
      displayName: 'Administrator',
      passwordHash: await hashPassword(password),
      roles: ['admin'],
      language: 'zh-CN',
    });
    report.created.push({
      username: 'admin',
      password: options.adminPassword ? '(from FLOWCASE_ADMIN_PASSWORD)' : password,
    });
  }
  const template = options.template === undefined ? FLAGSHIP_TEMPLATE : options.template;
  if (template && !(await store.getApp(template))) {
    await services.apps.install({ template }, SYSTEM_ACTOR);
    report.installedTemplate = true;
  }
  if (options.demo) {
    const missing = [];
    for (const demo of DEMO_USERS) {
      if (await store.getUserByUsername(demo.username)) report.existing.push(demo.username);
      else missing.push(demo);
    }
    // Checked for every account it would be set on before any is created, so a refused setting
    // creates none (and a later start that creates none does not check it).
    const configured = process.env.FLOWCASE_DEMO_PASSWORD;
    if (configured !== undefined && report.existing.some((u) => u !== 'admin'))
      report.unappliedSettings.push('FLOWCASE_DEMO_PASSWORD');
    if (configured !== undefined)
      for (const demo of missing)
        assertAcceptablePassword(configured, demo.username, 'FLOWCASE_DEMO_PASSWORD');
    for (const demo of missing) {
      const password = configured ?? generatePassword();
      await store.createUser({ ...demo, passwordHash: await hashPassword(password) });
      report.created.push({ username: demo.username, password });
    }
    if (await store.getApp(FLAGSHIP_TEMPLATE)) await linkDemoCustomer(services, FLAGSHIP_TEMPLATE);
  }
  return report;
}
