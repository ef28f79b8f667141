/**
 * The seeder's people as plain data, so a worker thread can rebuild the same directory the main
 * thread prepared (functions and maps do not cross `postMessage`).
 */
import type { RecordRow, UserRow } from '../../runtime/store/store.js';
import type { People } from './people.js';

export interface PeopleWire {
  staff: People['staff'];
  techSkills: [string, string[]][];
  customers: People['customers'];
  products: People['products'];
  users: UserRow[];
  /** User ids per role, in the directory's order (assignment picks by position). */
  roles: Record<string, string[]>;
  records: RecordRow[];
}

/** Everything of `people` a case can reach: the users of `roles`, customer accounts, base records. */
export function peopleToWire(people: People, roles: Iterable<string>): PeopleWire {
  const users = new Map<string, UserRow>();
  const byRole: Record<string, string[]> = {};
  for (const role of roles) {
    const list = people.usersInRole(role);
    byRole[role] = list.map((u) => u.id);
    for (const u of list) users.set(u.id, u);
  }
  for (const c of people.customers) {
    const account = c.account ? people.user(c.account.id) : undefined;
    if (account) users.set(account.id, account);
  }
  const records: RecordRow[] = [];
  for (const { id } of [...people.customers, ...people.products]) {
    const row = people.record(id);
    if (row) records.push(row);
  }
  return {
    staff: people.staff,
    techSkills: [...people.techSkills],
    customers: people.customers,
    products: people.products,
    users: [...users.values()],
    roles: byRole,
    records,
  };
}

export function peopleFromWire(w: PeopleWire): People {
  const users = new Map(w.users.map((u) => [u.id, u]));
  const records = new Map(w.records.map((r) => [r.id, r]));
  const byRole = new Map(
    Object.entries(w.roles).map(([role, ids]) => [
      role,
      ids.map((id) => users.get(id)!).filter((u) => u !== undefined),
    ]),
  );
  return {
    staff: w.staff,
    techSkills: new Map(w.techSkills),
    customers: w.customers,
    products: w.products,
    record: (id) => records.get(id),
    user: (id) => users.get(id),
    usersInRole: (role) => byRole.get(role) ?? [],
  };
}
