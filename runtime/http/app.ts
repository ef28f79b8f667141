/**
 * The HTTP application as a plugin-style builder: security headers, cookies, multipart, problem+json
 * errors, OpenAPI, authentication and every route folder under `/api/v1`. It never listens; see
 * `server.ts`. Tests call `buildApp(...).inject()`.
 */
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import { FlowcaseError } from '../../engine/index.js';
import { LoginLimiter, type LoginLimiterOptions } from '../auth/login-limiter.js';
import { SessionService } from '../auth/session-service.js';
import type { Config } from '../config.js';
import type { Services } from '../services.js';
import { registerAuth } from './auth-plugin.js';
import { registerOpenApi } from './openapi-plugin.js';
import { problemSchema, sendProblem } from './problem.js';
import { validatorCompiler } from './validator-compiler.js';
import appRoutes from './routes/apps/app-routes.js';
import designRoutes from './routes/apps/design-routes.js';
import versionRoutes from './routes/apps/version-routes.js';
import analyticsRoutes from './routes/analytics/analytics-routes.js';
import authRoutes from './routes/auth/auth-routes.js';
import dashboardRoutes from './routes/dashboards/dashboard-routes.js';
import exportRoutes from './routes/exports/export-routes.js';
import fileRoutes from './routes/files/file-routes.js';
import incidentRoutes from './routes/incidents/incident-routes.js';
import instanceRoutes from './routes/instances/instance-routes.js';
import notificationRoutes from './routes/notifications/notification-routes.js';
import recordRoutes from './routes/records/record-routes.js';
import taskRoutes from './routes/tasks/task-routes.js';
import taskUrgeRoutes from './routes/tasks/task-urge-routes.js';
import copyRoutes from './routes/copies/copy-routes.js';
import templateRoutes from './routes/templates/template-routes.js';
import userDirectoryRoutes from './routes/users/user-directory-routes.js';
import userRoutes from './routes/users/user-routes.js';
import userAdminRoutes from './routes/users/user-admin-routes.js';
import studioRoutes from './routes/studio/studio-routes.js';

/** JSON bodies above this are refused with 413 (bundle routes allow more; uploads use multipart). */
export const JSON_BODY_LIMIT = 1024 * 1024;

export interface BuildAppOptions {
  /** `false` for silence (tests), pino options, or a pino logger; defaults to pino at the config's level. */
  logger?: FastifyServerOptions['logger'] | FastifyBaseLogger;
  /** Trust `X-Forwarded-*` from a reverse proxy (client address, https cookies); default: the config's `trustProxy`. */
  trustProxy?: Config['trustProxy'];
  loginLimits?: LoginLimiterOptions;
}

/** A hop count as fastify's trust function (its types take no number): trust the nearest `n` proxies. */
function trustFunction(
  trust: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

function isLoggerInstance(logger: unknown): logger is FastifyBaseLogger {
  return (
    typeof logger === 'object' &&
    logger !== null &&
    typeof (logger as { info?: unknown }).info === 'function' &&
    typeof (logger as { child?: unknown }).child === 'function'
  );
}

/**
 * Builds the app around the given services (it does not own them: closing the app leaves the
 * store open).
 *
 * @example
 * const app = await buildApp(services, { logger: false });
 * const res = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
 */
export async function buildApp(services: Services, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const logger = options.logger ?? { level: services.config.logLevel };
  const app = Fastify({
    ...(isLoggerInstance(logger) ? { loggerInstance: logger } : { logger }),
    // One line per request, written in onResponse below, instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: trustFunction(options.trustProxy ?? services.config.trustProxy ?? false),
    return503OnClosing: true,
    // Errors raised before routing (a malformed URL, an over-long parameter) are problems too.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(reply, error, request);
    },
  }) as unknown as FastifyInstance;

  app.setValidatorCompiler(validatorCompiler());
  app.setErrorHandler((error, request, reply) => sendProblem(reply, error, request));
  app.setNotFoundHandler((_request, reply) =>
    sendProblem(reply, new FlowcaseError('FC_NOT_FOUND', 'There is no such route.')),
  );
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });

  await app.register(helmet, {
    // helmet's default CSP allows scripts only from 'self' (no inline scripts). Plain-http LAN
    // installs would break if browsers were told to upgrade every request to https.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, frameAncestors: ["'none'"] } },
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: services.config.maxUploadBytes, files: 1, fields: 10, parts: 11 },
  });
  app.addSchema(problemSchema);
  await registerOpenApi(app);

  const sessions = new SessionService(services.store, services.clock, services.config.tokenTtlMs);
  const limiter = new LoginLimiter(services.store, services.clock, options.loginLimits);
  await app.register(
    async (api) => {
      registerAuth(api, sessions);
      await api.register(authRoutes, { services, sessions, limiter });
      await api.register(userRoutes, { services });
      await api.register(userAdminRoutes, { services });
      await api.register(studioRoutes, { services });
      await api.register(templateRoutes, { services });
      await api.register(appRoutes, { services });
      await api.register(designRoutes, { services });
      await api.register(versionRoutes, { services });
      await api.register(fileRoutes, { services });
      await api.register(notificationRoutes, { services });
      await api.register(recordRoutes, { services });
      await api.register(taskRoutes, { services });
      await api.register(taskUrgeRoutes, { services });
      await api.register(copyRoutes, { services });
      await api.register(instanceRoutes, { services });
      await api.register(incidentRoutes, { services });
      await api.register(userDirectoryRoutes, { services });
      await api.register(dashboardRoutes, { services });
      await api.register(analyticsRoutes, { services });
      await api.register(exportRoutes, { services });
    },
    { prefix: '/api/v1' },
  );
  await app.register(import('./designer-plugin.js')); // the designer at /design and /admin (designer/)
  await app.register(import('./web-plugin.js')); // the end-user web app at / (runtime/web)
  return app;
}
