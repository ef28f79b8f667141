/**
 * The admin console's account routes, beside the basic ones in user-routes.ts (list, create,
 * change): reset a password (the new one is answered once, every session signed out), set which of
 * one app's roles a user holds, list every role with the apps that declare it, and list who holds
 * a role. Administrators only.
 *
 * Roles are global keys (templates/README.md says why): giving someone `technician` for one app
 * gives it for every app that declares `technician`, and `GET /roles` shows which apps those are.
 */
import type { FastifyInstance } from 'fastify';
import { FlowcaseError, type Problem } from '../../../../engine/index.js';
import { ADMIN_ROLE } from '../../../apps/app-access.js';
import { resetPassword } from '../../../auth/reset-password.js';
import type { UserRow } from '../../../store/store.js';
import { requireRole } from '../../auth-plugin.js';
import type { RouteOptions } from '../../route-options.js';
import { AdminUser, KeyParam, RoleInfo, type RoleInApp } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';
import { toAdminUserView } from '../../user-view.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

export default function userAdminRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  const adminOnly = requireRole(ADMIN_ROLE);

  async function userOr404(id: string): Promise<UserRow> {
    const user = await services.store.getUser(id);
    if (!user) throw new FlowcaseError('FC_NOT_FOUND', `There is no user ${id}.`, { path: '/id' });
    return user;
  }

  /** Every role key with the installed apps (at their current version) that declare it. */
  async function rolesByKey(): Promise<Map<string, RoleInApp[]>> {
    const out = new Map<string, RoleInApp[]>([[ADMIN_ROLE, []]]);
    for (const row of await services.store.listApps()) {
      if (row.currentVersion === null) continue;
      const bundle = await services.apps.getBundle(row.key, row.currentVersion);
      for (const role of bundle?.roles ?? []) {
        const list = out.get(role.key) ?? [];
        list.push({
          app: row.key,
          appName: bundle!.name,
          name: role.name,
          design: role.design === true,
          customer: role.customer === true,
        });
        out.set(role.key, list);
      }
    }
    return out;
  }

  app.post<{ Params: { id: string } }>(
    '/users/:id/reset-password',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['users'],
        summary:
          'Reset a password (admins): answers a generated password once and signs the account out everywhere',
        security: signedIn,
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['user', 'password'],
            properties: {
              user: AdminUser,
              password: { type: 'string', description: 'Shown once; only its hash is stored' },
            },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const user = await userOr404(request.params.id);
      const reset = await resetPassword(services, user);
      // The answer holds a password: no cache may keep it.
      reply.header('cache-control', 'no-store');
      return { user: toAdminUserView(reset.user), password: reset.password };
    },
  );

  app.put<{ Params: { id: string; app: string }; Body: { roles: string[] } }>(
    '/users/:id/app-roles/:app',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['users'],
        summary: "Set which of one app's roles a user holds (admins); roles of other apps and admin are kept",
        security: signedIn,
        params: {
          type: 'object',
          required: ['id', 'app'],
          properties: { id: idParams.properties.id, app: KeyParam },
        },
        body: {
          type: 'object',
          required: ['roles'],
          additionalProperties: false,
          properties: {
            roles: {
              type: 'array',
              maxItems: 100,
              uniqueItems: true,
              items: { type: 'string', minLength: 1, maxLength: 63 },
            },
          },
        },
        response: { 200: AdminUser, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { id, app: appKey } = request.params;
      const user = await userOr404(id);
      const row = await services.store.getApp(appKey);
      const bundle =
        row && row.currentVersion !== null
          ? await services.apps.getBundle(appKey, row.currentVersion)
          : undefined;
      if (!bundle) throw new FlowcaseError('FC_NOT_FOUND', `There is no app ${appKey}.`, { path: '/app' });
      const declared = new Set(bundle.roles.map((r) => r.key));
      const problems: Problem[] = request.body.roles.flatMap((role, i) =>
        declared.has(role)
          ? []
          : [
              {
                path: `/roles/${i}`,
                code: 'user.unknown_role',
                message: `The app ${appKey} declares no role ${role}.`,
                zh: `应用 ${appKey} 没有角色 ${role}。`,
              },
            ],
      );
      if (problems.length > 0)
        throw new FlowcaseError(
          'FC_VALIDATION_FAILED',
          { en: 'Unknown roles.', zh: '角色不存在。' },
          { problems },
        );
      const roles = [...user.roles.filter((r) => !declared.has(r)), ...request.body.roles];
      return toAdminUserView(await services.store.updateUser(id, { roles }));
    },
  );

  app.get(
    '/roles',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['users'],
        summary:
          'Every role (admin and those installed apps declare), the apps declaring it and how many hold it (admins)',
        security: signedIn,
        response: { 200: { type: 'array', items: RoleInfo }, ...problemResponses(401, 403) },
      },
    },
    async () => {
      const roles = await rolesByKey();
      const holders = new Map<string, number>();
      for (const user of await services.store.listUsers())
        for (const role of user.roles) holders.set(role, (holders.get(role) ?? 0) + 1);
      return [...roles.entries()]
        .sort(([a], [b]) => (a === ADMIN_ROLE ? -1 : b === ADMIN_ROLE ? 1 : a.localeCompare(b)))
        .map(([key, apps]) => ({ key, apps, holders: holders.get(key) ?? 0 }));
    },
  );

  app.get<{ Params: { role: string } }>(
    '/roles/:role/users',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Who holds a role (admins), disabled accounts included',
        security: signedIn,
        params: {
          type: 'object',
          required: ['role'],
          properties: { role: { type: 'string', minLength: 1, maxLength: 63 } },
        },
        response: { 200: { type: 'array', items: AdminUser }, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { role } = request.params;
      if (!(await rolesByKey()).has(role))
        throw new FlowcaseError(
          'FC_NOT_FOUND',
          { en: `No installed app declares the role ${role}.`, zh: `没有已安装的应用声明角色 ${role}。` },
          { path: '/role' },
        );
      return (await services.store.listUsersByRole(role)).map(toAdminUserView);
    },
  );

  return Promise.resolve();
}
