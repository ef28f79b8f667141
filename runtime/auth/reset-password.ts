/**
 * A new password for an account, and every session of it signed out, in one transaction: what
 * `flowcase users reset-password` and the admin console's reset (`POST /api/v1/users/:id/reset-password`)
 * both do. A password given is checked against the password rules; none given, one is generated
 * and handed back once (it is stored only as its Argon2id hash).
 */
import type { Clock } from '../clock.js';
import type { Store, UserRow } from '../store/store.js';
import { assertAcceptablePassword } from './password-policy.js';
import { hashPassword } from './passwords.js';
import { generatePassword } from './tokens.js';

export interface PasswordReset {
  user: UserRow;
  password: string;
  /** True when the password was generated here (the caller shows it once). */
  generated: boolean;
}

export async function resetPassword(
  deps: { store: Store; clock: Clock },
  user: Pick<UserRow, 'id' | 'username'>,
  given?: { password: string; path: string },
): Promise<PasswordReset> {
  const password = given?.password ?? generatePassword();
  assertAcceptablePassword(password, user.username, given?.path);
  const updated = await deps.store.setUserPassword(
    user.id,
    await hashPassword(password),
    deps.clock.now().toISOString(),
  );
  return { user: updated, password, generated: given === undefined };
}
