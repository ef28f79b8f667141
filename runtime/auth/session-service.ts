/**
 * Logins, bearer tokens and cookie sessions. A login issues one random token (256 bits, stored
 * only hashed, expiring after `tokenTtlMs`) that works as a bearer token and as the session
 * cookie, plus a CSRF token whose hash sits on the same row for the cookie path.
 */
import { FlowcaseError } from '../../engine/index.js';
import type { Actor } from '../cases/types.js';
import type { Clock } from '../clock.js';
import type { Store, TokenRow, UserRow } from '../store/store.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newToken, sameSecret } from './tokens.js';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: UserRow;
}

export interface Authenticated {
  actor: Actor;
  user: UserRow;
  token: TokenRow;
}

/** Everything the HTTP layer (and the CLI) needs to sign people in and out. */
export class SessionService {
  // Hashed once, lazily: verifying an unknown user's password against it costs as much as a real
  // check, so response times do not tell which usernames exist.
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly tokenTtlMs: number,
  ) {}

  /** Throws `FC_BAD_CREDENTIALS` with one message for unknown users, wrong passwords and disabled accounts. */
  async login(username: string, password: string): Promise<LoginResult> {
    const found = await this.store.getUserByUsername(username);
    this.decoyHash ??= hashPassword(newToken());
    const ok = await verifyPassword(found?.passwordHash ?? (await this.decoyHash), password);
    if (!found || !ok || found.disabled)
      throw new FlowcaseError('FC_BAD_CREDENTIALS', 'Wrong username or password.');
    const { passwordHash: _hash, ...user } = found;
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.tokenTtlMs).toISOString();
    await this.store.createToken({
      tokenHash: hashToken(token),
      userId: user.id,
      kind: 'session',
      csrfHash: hashToken(csrfToken),
      expiresAt,
    });
    return { token, csrfToken, expiresAt, user };
  }

  /** The live session of a token, or undefined when it is unknown, expired, revoked or its user disabled. */
  async authenticate(token: string): Promise<Authenticated | undefined> {
    if (token.length === 0 || token.length > 200) return undefined;
    const row = await this.store.findToken(hashToken(token));
    if (!row || row.revokedAt !== null) return undefined;
    if (Date.parse(row.expiresAt) <= this.clock.now().getTime()) return undefined;
    const user = await this.store.getUser(row.userId);
    if (!user || user.disabled) return undefined;
    return { actor: toActor(user), user, token: row };
  }

  /** Whether a CSRF header matches the one issued with this session. */
  csrfMatches(session: TokenRow, csrfHeader: string | undefined): boolean {
    if (!csrfHeader || session.csrfHash === null) return false;
    return sameSecret(hashToken(csrfHeader), session.csrfHash);
  }

  async logout(session: TokenRow): Promise<void> {
    await this.store.revokeToken(session.tokenHash, this.clock.now().toISOString());
  }
}

/** The actor the case service sees for a signed-in user. */
export function toActor(user: UserRow): Actor {
  return {
    id: user.id,
    username: user.username,
    roles: user.roles,
    language: user.language === 'en' ? 'en' : 'zh',
  };
}
