/**
 * `flowcase <command>`: serve, validate, test, install, export, backup, users add | reset-password. Each
 * command opens what it needs and closes it; exit code 1 on any problem, with the problems printed.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bundleWarnings, validateBundle } from '../engine/definition/validate-bundle.js';
import { SYSTEM_ACTOR } from './cases/types.js';
import { readConfig } from './config.js';
import { exportCommand } from './cli/export-records.js';
import { testScenariosCommand } from './cli/test-scenarios.js';
import { parseUsersCommand, usersCommand, USERS_USAGE } from './cli/users-command.js';
import { printBootstrap, startServer } from './server.js';

const USAGE = `Usage: flowcase <command>
  serve                                   start the server (PORT, FLOWCASE_DATA_DIR, DATABASE_URL)
  validate <bundle.json>                  print every problem (and warning) of a bundle with its JSON path
  test <bundle.json>                      re-run the bundle's saved scenarios in the flow simulator
  install <template-key | bundle.json>    install an app (with its sample data)
  export <app> <form> [--format csv|xlsx] write a form's records as CSV or XLSX to stdout
  backup <file>                           online backup of the SQLite database
${USERS_USAGE}`;

async function withServices<T>(
  fn: (server: Awaited<ReturnType<typeof startServer>>) => Promise<T>,
): Promise<T> {
  const server = await startServer(
    { ...readConfig(), demo: false, logLevel: 'warn' },
    { listen: false, jobs: false, template: null },
  );
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const server = await startServer(readConfig());
      printBootstrap(
        server.report,
        server.url.replace('0.0.0.0', 'localhost'),
        console.log,
        server.services.config.host,
      );
      const stop = (): void => {
        server.app.log.info('shutting down');
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return new Promise<number>(() => undefined);
    }
    case 'validate': {
      const file = rest[0];
      if (!file) return usage();
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch (e) {
        console.error(`${file}: not readable JSON: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
      }
      const problems = validateBundle(json);
      // Warnings do not make a bundle invalid: they are printed, and the exit code stays 0.
      const warnings = bundleWarnings(json);
      for (const p of problems) console.log(`${p.path || '/'}\t${p.code}\t${p.message}`);
      for (const w of warnings) console.log(`${w.path || '/'}\twarning ${w.code}\t${w.message}`);
      const noted = warnings.length > 0 ? ` (${warnings.length} warning(s))` : '';
      console.log(
        problems.length === 0 ? `${file}: valid${noted}` : `${file}: ${problems.length} problem(s)${noted}`,
      );
      return problems.length === 0 ? 0 : 1;
    }
    case 'test': {
      const file = rest[0];
      if (!file) return usage();
      return testScenariosCommand(file, console.log);
    }
    case 'install': {
      const what = rest[0];
      if (!what) return usage();
      return withServices(async ({ services }) => {
        const source = what.endsWith('.json')
          ? { bundle: JSON.parse(readFileSync(what, 'utf8')) as unknown }
          : { template: what };
        const result = await services.apps.install(source, SYSTEM_ACTOR);
        console.log(
          `Installed ${result.app.key} version ${result.app.version} with ${result.sampleRecords} sample record(s).`,
        );
        return 0;
      });
    }
    case 'export': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { format: { type: 'string', default: 'csv' } },
      });
      const [app, form] = positionals;
      if (!app || !form) return usage();
      const format = values.format;
      if (format !== 'csv' && format !== 'xlsx') {
        console.error('--format is csv or xlsx.');
        return 1;
      }
      return withServices(async ({ services }) => {
        await exportCommand(services, app, form, format, process.stdout);
        return 0;
      });
    }
    case 'backup': {
      const file = rest[0];
      if (!file) return usage();
      return withServices(async ({ services }) => {
        await services.store.backup(file);
        console.log(`Backed up to ${file}.`);
        return 0;
      });
    }
    case 'users': {
      const command = parseUsersCommand(rest);
      if (!command) return usage();
      return withServices(async (server) => {
        console.log(await usersCommand(server.services, command));
        return 0;
      });
    }
    default:
      return usage();
  }
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const e = err as { code?: string; message?: string; problems?: { path: string; message: string }[] };
    console.error(e.code ? `${e.code}: ${e.message}` : err);
    for (const p of e.problems ?? []) console.error(`  ${p.path}\t${p.message}`);
    process.exit(1);
  },
);
