/**
 * Who is calling: a bearer token (`Authorization: Bearer …`) or the browser's session cookie.
 * Every route under the API requires one unless its route config says `public: true`; cookie
 * sessions must also prove they are not a cross-site request on unsafe methods (double-submit
 * CSRF token). Bearer requests need no CSRF token: browsers never attach them on their own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FlowcaseError } from '../../engine/index.js';
import type { SessionService } from '../auth/session-service.js';
import type { Actor } from '../cases/types.js';
import type { TokenRow } from '../store/store.js';

/** The HttpOnly cookie that carries the session token. */
export const SESSION_COOKIE = 'flowcase_session';
/** The readable cookie with the CSRF token the browser app echoes in `X-CSRF-Token`. */
export const CSRF_COOKIE = 'flowcase_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** The language on screen (`en`, `zh-CN`), sent by the web app with every request. */
export const LANGUAGE_HEADER = 'x-flowcase-language';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller; set on every route that is not `public` (the auth hook answers 401 otherwise). */
    actor: Actor;
    /** The token row behind `actor` (for logout), null on public routes. */
    session: TokenRow | null;
    authVia: 'bearer' | 'cookie' | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (login only). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** Adds `request.actor` and the authenticating hook to `app` and every plugin registered inside it. */
export function registerAuth(app: FastifyInstance, sessions: SessionService): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public === true) return;
    await authenticate(request, sessions);
  });
}

async function authenticate(request: FastifyRequest, sessions: SessionService): Promise<void> {
  const header = request.headers.authorization;
  let token: string | undefined;
  let via: 'bearer' | 'cookie';
  if (header !== undefined) {
    token = BEARER.exec(header)?.[1];
    via = 'bearer';
  } else {
    token = request.cookies[SESSION_COOKIE];
    via = 'cookie';
  }
  if (!token)
    throw new FlowcaseError(
      'FC_UNAUTHENTICATED',
      'Sign in first: send a bearer token or the session cookie.',
    );
  const auth = await sessions.authenticate(token);
  if (!auth) throw new FlowcaseError('FC_UNAUTHENTICATED', 'The token is unknown, expired or revoked.');
  if (via === 'cookie' && !SAFE_METHODS.has(request.method)) {
    const csrf = request.headers[CSRF_HEADER];
    if (typeof csrf !== 'string' || !sessions.csrfMatches(auth.token, csrf)) {
      throw new FlowcaseError(
        'FC_FORBIDDEN',
        'A cookie session must send the X-CSRF-Token header from login.',
      );
    }
  }
  // The web app says which language is on screen (a user may switch it on one device): answers
  // are worded in it. Without the header, the user's stored language applies.
  const lang = request.headers[LANGUAGE_HEADER];
  request.actor =
    lang === 'en' || lang === 'zh-CN' || lang === 'zh'
      ? { ...auth.actor, language: lang === 'en' ? 'en' : 'zh' }
      : auth.actor;
  request.session = auth.token;
  request.authVia = via;
}

/** A preHandler for routes that need a signed-in caller (the hook already ensures it; this states it). */
export function requireAuth(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!request.session) return Promise.reject(new FlowcaseError('FC_UNAUTHENTICATED'));
  return Promise.resolve();
}

/** A preHandler that lets through only callers holding `role`. */
export function requireRole(role: string): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return (request) => {
    if (!request.session) return Promise.reject(new FlowcaseError('FC_UNAUTHENTICATED'));
    if (!request.actor.roles.includes(role))
      return Promise.reject(
        new FlowcaseError('FC_FORBIDDEN', `Only users with the role ${role} may do this.`),
      );
    return Promise.resolve();
  };
}
