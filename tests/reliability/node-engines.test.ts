/**
 * Every package `npm ci` installs runs on the Node versions package.json declares, so a fresh
 * clone installs without an EBADENGINE warning. Fastify's plugins pulled in cookie 2 and
 * content-disposition 3 (Node >= 22 only); package.json's `overrides` pins their previous majors,
 * which offer the same functions the plugins call.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/server-process.js';

// semver is npm's own range logic (installed for eslint and others); loaded, not declared.
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

describe('the Node versions the dependencies need', () => {
  const declared = pkg.engines.node;
  const oldest = semver.minVersion(declared)?.version ?? '';

  it('package.json declares a Node range this Node satisfies', () => {
    expect(oldest).not.toBe('');
    expect(semver.satisfies(process.versions.node, declared)).toBe(true);
  });

  it('every locked package accepts the oldest declared Node and this one', () => {
    const refused: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      // Platform binaries (rolldown's, wasm runtimes) that never install here are skipped.
      if (where === '' || entry.optional === true || Array.isArray(entry.engines)) continue;
      const range = entry.engines?.node;
      if (range === undefined) continue;
      for (const node of [oldest, process.versions.node]) {
        if (!semver.satisfies(node, range))
          refused.push(`${where}@${entry.version ?? '?'} needs Node ${range}, not ${node}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
