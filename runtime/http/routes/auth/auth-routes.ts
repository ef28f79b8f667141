/**
 * `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/auth/me`. Login answers with
 * a bearer token for programs and sets the session and CSRF cookies for the browser apps.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FlowcaseError } from '../../../../engine/index.js';
import type { LoginLimiter } from '../../../auth/login-limiter.js';
import type { SessionService } from '../../../auth/session-service.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../auth-plugin.js';
import type { RouteOptions } from '../../route-options.js';
import { User } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';
import { toUserView } from '../../user-view.js';

export interface AuthRouteOptions extends RouteOptions {
  sessions: SessionService;
  limiter: LoginLimiter;
}

interface LoginBody {
  username: string;
  password: string;
}

const loginSchema = {
  tags: ['auth'],
  summary: 'Sign in; returns a bearer token and sets the session cookies',
  security: [],
  body: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: {
      username: { type: 'string', minLength: 1, maxLength: 100 },
      password: { type: 'string', minLength: 1, maxLength: 1000 },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['token', 'csrfToken', 'expiresAt', 'user'],
      properties: {
        token: { type: 'string' },
        csrfToken: { type: 'string' },
        expiresAt: { type: 'string', format: 'date-time' },
        user: User,
      },
    },
    ...problemResponses(400, 401, 429),
  },
};

function cookieOptions(request: FastifyRequest, httpOnly: boolean, maxAgeMs: number) {
  return {
    path: '/',
    httpOnly,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}

function clearCookies(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request, true, 0));
  reply.clearCookie(CSRF_COOKIE, cookieOptions(request, false, 0));
}

export default function authRoutes(
  app: FastifyInstance,
  { services, sessions, limiter }: AuthRouteOptions,
): Promise<void> {
  app.post<{ Body: LoginBody }>(
    '/auth/login',
    { schema: loginSchema, config: { public: true } },
    async (request, reply) => {
      const { username, password } = request.body;
      const attempt = await limiter.begin(username, request.ip);
      if ('retryAfterSeconds' in attempt) {
        reply.header('Retry-After', String(attempt.retryAfterSeconds));
        throw new FlowcaseError(
          'FC_RATE_LIMITED',
          `Too many failed logins; try again in ${attempt.retryAfterSeconds} s.`,
        );
      }
      const result = await sessions.login(username, password);
      await attempt.succeeded();
      const ttl = services.config.tokenTtlMs;
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(request, true, ttl));
      reply.setCookie(CSRF_COOKIE, result.csrfToken, cookieOptions(request, false, ttl));
      return {
        token: result.token,
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt,
        user: toUserView(result.user),
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke the current token',
        security: signedIn,
        response: { 204: { type: 'null', description: 'Signed out' }, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      if (request.session) await sessions.logout(request.session);
      clearCookies(request, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        security: signedIn,
        response: { 200: User, ...problemResponses(401) },
      },
    },
    async (request) => {
      const user = await services.store.getUser(request.actor.id);
      if (!user) throw new FlowcaseError('FC_UNAUTHENTICATED');
      return toUserView(user);
    },
  );

  return Promise.resolve();
}
