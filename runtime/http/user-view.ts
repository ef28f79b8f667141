/** The public user shape (the contract's `User`): never the hash, never internal flags. */
import type { User } from '../../contract/index.js';
import type { UserRow } from '../store/store.js';

export type UserView = User;

export function toUserView(user: UserRow): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    language: user.language,
  };
}

/** An account as the admin console lists it (`AdminUser` in contract/studio.ts): the public shape plus its state. */
export interface AdminUserView extends UserView {
  disabled: boolean;
  createdAt: string;
}

export function toAdminUserView(user: UserRow): AdminUserView {
  return { ...toUserView(user), disabled: user.disabled, createdAt: user.createdAt };
}
