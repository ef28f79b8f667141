/**
 * The people and base data the seeded cases refer to: staff accounts for every role of the app,
 * customers of every tier (many with a portal account), products and service staff records.
 * Existing rows are reused (the template's sample data, the demo users); what is missing is created
 * with ids from the seed's PRNG, so a seed always yields the same people.
 */
import { formOf, type AppVersion } from '../../runtime/cases/definitions.js';
import type { Actor } from '../../runtime/cases/types.js';
import { DEMO_CUSTOMER_RECORD } from '../../runtime/bootstrap.js';
import type { RecordRow, Store, StoreTx, UserRow } from '../../runtime/store/store.js';
import { address, company, EXTRA_PRODUCTS, personName, phone, type Category } from './catalog.js';
import type { SeedDirectory } from './journal-tx.js';
import type { Rng } from './prng.js';

export type StaffRole = 'service_desk' | 'technician' | 'cashier' | 'shipper' | 'qa' | 'supervisor';
export const STAFF_ROLES: readonly StaffRole[] = [
  'service_desk',
  'technician',
  'cashier',
  'shipper',
  'qa',
  'supervisor',
];

export interface Customer {
  id: string;
  tier: string;
  /** The portal account that files this customer's online requests, if any. */
  account?: Actor;
}

export interface Product {
  id: string;
  category: Category;
  price: number;
  warrantyMonths: number;
}

export interface People extends SeedDirectory {
  staff: Record<StaffRole, Actor[]>;
  /** Technicians with their skills (product categories). */
  techSkills: Map<string, string[]>;
  customers: Customer[];
  products: Product[];
}

export interface PeopleOptions {
  store: Store;
  version: AppVersion;
  rng: Rng;
  /** How many repair requests will be seeded: sizes the staff and customer base. */
  records: number;
  passwordHash: string;
  now: () => string;
  log: (line: string) => void;
}

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, Math.round(n)));

function actor(u: UserRow): Actor {
  return { id: u.id, username: u.username, roles: u.roles, language: u.language === 'en' ? 'en' : 'zh' };
}

async function allRecords(store: Store, app: string, form: string): Promise<RecordRow[]> {
  const out: RecordRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRecords(app, form, {
      limit: 500,
      sort: [{ field: 'createdAt', dir: 'asc' }],
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Inserts base-data records the way `createRecord` does for a form without a flow. */
async function insertBase(
  tx: StoreTx,
  version: AppVersion,
  form: string,
  id: string,
  input: Record<string, unknown>,
  now: string,
): Promise<RecordRow> {
  const { compiled } = formOf(version, form);
  const today = now.slice(0, 10);
  const submitted = compiled.submit(input, { mode: 'create', now, today, user: 'system' });
  if (!submitted.ok) throw new Error(`Seed ${form} record refused: ${JSON.stringify(submitted.errors)}`);
  return tx.insertRecord({
    id,
    app: version.app,
    form,
    version: version.version,
    data: submitted.data,
    createdBy: 'system',
    createdAt: now,
  });
}

export async function preparePeople(o: PeopleOptions): Promise<People> {
  const { store, version, rng } = o;
  const app = version.app;
  const users = new Map<string, UserRow>();
  const byRole = new Map<string, UserRow[]>();
  for (const u of await store.listUsers()) users.set(u.id, u);

  // Staff accounts: a team sized to the volume, beside any demo user holding the role.
  const sizes: Record<StaffRole, number> = {
    service_desk: clamp(o.records / 5000, 3, 40),
    technician: clamp(o.records / 2000, 6, 150),
    cashier: clamp(o.records / 25000, 2, 10),
    shipper: clamp(o.records / 25000, 2, 10),
    qa: clamp(o.records / 10000, 2, 20),
    supervisor: clamp(o.records / 50000, 2, 6),
  };
  const newStaff: { user: UserRow; role: StaffRole }[] = [];
  for (const role of STAFF_ROLES) {
    for (let i = 1; i <= sizes[role]; i++) {
      const username = `${role.replace('service_', '')}_${String(i).padStart(3, '0')}`;
      const id = rng.uuid();
      const found = await store.getUserByUsername(username);
      if (found) continue;
      const user = await store.createUser({
        id,
        username,
        displayName: personName(rng),
        passwordHash: o.passwordHash,
        roles: [role],
        language: rng.chance(0.1) ? 'en' : 'zh-CN',
      });
      users.set(user.id, user);
      newStaff.push({ user, role });
    }
  }

  // Customers: the existing ones plus new ones of every tier, 60 % with a portal account.
  const existingCustomers = await allRecords(store, app, 'customers');
  const wanted = clamp(o.records / 10, 30, 100_000);
  const plans: { id: string; input: Record<string, unknown> }[] = [];
  for (let i = existingCustomers.length; i < wanted; i++) {
    const name = personName(rng);
    const tier = rng.weighted({ vip: 8, key: 22, regular: 70 });
    const addr = address(rng);
    const input: Record<string, unknown> = {
      name,
      phone: phone(rng),
      address: addr.value,
      tier,
      preferred_channel: rng.pick(['inapp', 'phone', 'sms', 'email', 'wechat']),
    };
    if (rng.chance(0.4)) input.email = `c${String(i).padStart(6, '0')}@example.com`;
    if (tier !== 'regular' || rng.chance(0.1)) input.company = company(rng, name);
    if (rng.chance(0.6)) {
      const username = `cust_${String(i).padStart(6, '0')}`;
      const userId = rng.uuid();
      const user =
        (await store.getUserByUsername(username)) ??
        (await store.createUser({
          id: userId,
          username,
          displayName: name,
          passwordHash: o.passwordHash,
          roles: ['customer'],
          language: rng.chance(0.1) ? 'en' : 'zh-CN',
        }));
      users.set(user.id, user);
      input.account = user.id;
    }
    plans.push({ id: rng.uuid(), input });
  }
  // The demo customer files requests for their own customer record (linked by its owner field,
  // `account`), as the server's first start links it; an older data directory may lack it.
  const demo = await store.getUserByUsername('customer');
  if (demo?.roles.includes('customer') && !existingCustomers.some((r) => r.data.account === demo.id)) {
    plans.push({ id: rng.uuid(), input: { ...DEMO_CUSTOMER_RECORD, account: demo.id } });
  }
  const existingProducts = await allRecords(store, app, 'products');
  const models = new Set(existingProducts.map((p) => p.data.model));
  const staffRecords = await allRecords(store, app, 'service_staff');
  const linked = new Set(staffRecords.map((r) => r.data.account));
  const inserted: RecordRow[] = [];
  const newProducts: RecordRow[] = [];
  for (let start = 0; start < plans.length || start === 0; start += 1000) {
    await store.write(async (tx) => {
      for (const p of plans.slice(start, start + 1000))
        inserted.push(await insertBase(tx, version, 'customers', p.id, p.input, o.now()));
      if (start !== 0) return;
      for (const p of EXTRA_PRODUCTS)
        if (!models.has(p.model))
          newProducts.push(await insertBase(tx, version, 'products', rng.uuid(), p, o.now()));
      for (const { user, role } of newStaff) {
        if (linked.has(user.id)) continue;
        const skills =
          role === 'technician'
            ? [
                rng.pick(['phone', 'laptop', 'tablet', 'wearable']),
                rng.pick(['air_conditioner', 'washing_machine', 'laptop', 'phone']),
                ...(rng.chance(0.4) ? ['on_site'] : []),
              ]
            : [];
        await insertBase(
          tx,
          version,
          'service_staff',
          rng.uuid(),
          {
            name: user.displayName,
            account: user.id,
            role,
            skills: [...new Set(skills)],
            region: rng.pick(['east', 'north', 'south', 'central', 'southwest']),
          },
          o.now(),
        );
      }
    });
    if (plans.length > 5000)
      o.log(
        `  customers ${Math.min(start + 1000, plans.length).toLocaleString('en')} / ${plans.length.toLocaleString('en')}`,
      );
  }

  for (const u of users.values()) for (const r of u.roles) byRole.set(r, [...(byRole.get(r) ?? []), u]);
  for (const list of byRole.values()) list.sort((a, b) => a.username.localeCompare(b.username));
  const staff = Object.fromEntries(
    STAFF_ROLES.map((r) => [r, (byRole.get(r) ?? []).filter((u) => !u.disabled).map(actor)]),
  ) as Record<StaffRole, Actor[]>;
  for (const role of STAFF_ROLES)
    if (staff[role].length === 0) throw new Error(`No user holds the role ${role}.`);

  const allStaff = await allRecords(store, app, 'service_staff');
  const techSkills = new Map<string, string[]>();
  for (const r of allStaff)
    if (typeof r.data.account === 'string')
      techSkills.set(r.data.account, (r.data.skills as string[] | undefined) ?? []);

  const records = new Map<string, RecordRow>();
  const customerRows = [...existingCustomers, ...inserted];
  const productRows = [...existingProducts, ...newProducts];
  for (const r of [...customerRows, ...productRows]) records.set(r.id, r);
  const customers: Customer[] = customerRows.map((r) => {
    const accountId = typeof r.data.account === 'string' ? r.data.account : undefined;
    const account = accountId ? users.get(accountId) : undefined;
    return { id: r.id, tier: String(r.data.tier), ...(account ? { account: actor(account) } : {}) };
  });
  const products: Product[] = productRows.map((r) => ({
    id: r.id,
    category: r.data.category as Category,
    price: Number(r.data.price ?? 1000),
    warrantyMonths: Number(r.data.warranty_months ?? 12),
  }));

  return {
    staff,
    techSkills,
    customers,
    products,
    record: (id) => records.get(id),
    user: (id) => users.get(id),
    usersInRole: (role) => byRole.get(role) ?? [],
  };
}
