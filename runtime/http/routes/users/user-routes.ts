/**
 * `GET/POST /api/v1/users`, `PATCH /api/v1/users/:id`: administrators manage accounts and roles.
 * Roles must be `admin` or declared by an installed app, so a typo never grants nothing silently.
 * Passwords pass the password policy (password-policy.ts); usernames are unique ignoring case.
 */
import type { FastifyInstance } from 'fastify';
import { FlowcaseError, type Problem } from '../../../../engine/index.js';
import { assertAcceptablePassword, MIN_PASSWORD_LENGTH } from '../../../auth/password-policy.js';
import { hashPassword } from '../../../auth/passwords.js';
import type { UserPatch } from '../../../store/store.js';
import { requireRole } from '../../auth-plugin.js';
import type { RouteOptions } from '../../route-options.js';
import { AdminUser, Language, User } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';
import { toAdminUserView, toUserView } from '../../user-view.js';

interface NewUserBody {
  username: string;
  password: string;
  displayName?: string;
  roles?: string[];
  language?: Language;
}

interface PatchBody {
  displayName?: string;
  password?: string;
  roles?: string[];
  language?: Language;
  disabled?: boolean;
}

const password = { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: 1000 } as const;
const roles = {
  type: 'array',
  maxItems: 100,
  uniqueItems: true,
  items: { type: 'string', minLength: 1, maxLength: 63 },
} as const;
const displayName = { type: 'string', minLength: 1, maxLength: 200 } as const;

export default function userRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  const adminOnly = requireRole('admin');

  async function checkRoles(wanted: readonly string[]): Promise<void> {
    const known = await services.apps.knownRoles();
    const problems: Problem[] = wanted.flatMap((role, i) =>
      known.has(role)
        ? []
        : [
            {
              path: `/roles/${i}`,
              code: 'user.unknown_role',
              message: `No installed app declares the role ${role}.`,
            },
          ],
    );
    if (problems.length > 0) throw new FlowcaseError('FC_VALIDATION_FAILED', 'Unknown roles.', { problems });
  }

  app.get(
    '/users',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Every user with whether the account is disabled and when it was made (admins)',
        security: signedIn,
        response: { 200: { type: 'array', items: AdminUser }, ...problemResponses(401, 403) },
      },
    },
    async () => (await services.store.listUsers()).map(toAdminUserView),
  );

  app.post<{ Body: NewUserBody }>(
    '/users',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Create a user (admins)',
        security: signedIn,
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$' },
            password,
            displayName,
            roles,
            language: Language,
          },
        },
        response: { 201: User, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const wanted = body.roles ?? [];
      assertAcceptablePassword(body.password, body.username);
      await checkRoles(wanted);
      const user = await services.store.createUser({
        username: body.username,
        displayName: body.displayName ?? body.username,
        passwordHash: await hashPassword(body.password),
        roles: wanted,
        language: body.language ?? 'zh-CN',
      });
      return reply.code(201).send(toUserView(user));
    },
  );

  app.patch<{ Params: { id: string }; Body: PatchBody }>(
    '/users/:id',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Change a user (admins); a new password or disabling signs them out everywhere',
        security: signedIn,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            displayName,
            password,
            roles,
            language: Language,
            disabled: { type: 'boolean' },
          },
        },
        response: { 200: User, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body;
      const existing = await services.store.getUser(id);
      if (!existing) throw new FlowcaseError('FC_NOT_FOUND', `There is no user ${id}.`);
      if (body.password !== undefined) assertAcceptablePassword(body.password, existing.username);
      if (body.roles) await checkRoles(body.roles);
      // An administrator cannot lock themselves out: someone else must disable them or take admin away.
      if (id === request.actor.id && body.disabled === true)
        throw new FlowcaseError(
          'FC_VALIDATION_FAILED',
          { en: 'You cannot disable your own account.', zh: '不能停用自己的账号。' },
          { path: '/disabled' },
        );
      if (
        id === request.actor.id &&
        body.roles &&
        !body.roles.includes('admin') &&
        existing.roles.includes('admin')
      )
        throw new FlowcaseError(
          'FC_VALIDATION_FAILED',
          { en: 'You cannot take the admin role from yourself.', zh: '不能移除自己的管理员角色。' },
          { path: '/roles' },
        );
      const patch: UserPatch = {};
      if (body.displayName !== undefined) patch.displayName = body.displayName;
      if (body.roles !== undefined) patch.roles = body.roles;
      if (body.language !== undefined) patch.language = body.language;
      if (body.disabled !== undefined) patch.disabled = body.disabled;
      if (body.password !== undefined) patch.passwordHash = await hashPassword(body.password);
      // A new password or a disabled account signs the user out, in the same transaction.
      const signOut = body.password !== undefined || body.disabled === true;
      const user = await services.store.updateUser(
        id,
        patch,
        signOut ? { signOutAt: services.clock.now().toISOString() } : {},
      );
      return toUserView(user);
    },
  );

  return Promise.resolve();
}
