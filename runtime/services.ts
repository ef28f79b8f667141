/**
 * The services the HTTP app, the CLI and the jobs share. Whoever starts the process builds them
 * once and hands them in; nothing below constructs its own store or clock.
 */
import type { AppService } from './apps/app-service.js';
import type { VersionCache } from './apps/version-cache.js';
import type { CaseService } from './cases/types.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Store } from './store/store.js';

export interface Services {
  config: Config;
  store: Store;
  clock: Clock;
  cases: CaseService;
  apps: AppService;
  /** Published app versions, compiled once, for cases, reports and apps alike. */
  versions: VersionCache;
}
