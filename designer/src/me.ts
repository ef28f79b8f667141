/** The signed-in user as `GET /auth/me` answers, and whether they administer the server. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

export function isAdmin(me: Me): boolean {
  return me.roles.includes('admin');
}
