/**
 * Every migration, in order, provided in code: no file globbing, so a bundled or relocated build
 * migrates the same. Append new ones; never edit a released one.
 */
import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
};

/** The provider handed to kysely's `Migrator`. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
