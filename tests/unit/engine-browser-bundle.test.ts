/**
 * engine/ is shared with the browser apps: it must bundle for the browser with no Node built-ins,
 * and the bundle must really validate a form the same way the server does.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type * as Engine from '../../engine/index.js';

describe('engine/ in the browser', () => {
  it('bundles for the browser platform without Node built-ins, and the bundle runs', async () => {
    const result = await build({
      entryPoints: ['engine/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('node:') || /^(fs|path|crypto|os)$/.test(i))).toEqual([]);
    expect(
      inputs.filter(
        (i) => i.startsWith('runtime/') || /node_modules\/(kysely|fastify|better-sqlite3|pg)\//.test(i),
      ),
    ).toEqual([]);

    const code = result.outputFiles[0]!.text;
    const engine = (await import(
      `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
    )) as typeof Engine;
    const form = engine.compileForm({
      key: 'f',
      name: 'F',
      fields: [{ key: 'qty', type: 'integer', label: 'Qty', required: true, min: 1 }],
    });
    const bad = form.submit(
      { qty: 0 },
      { mode: 'create', now: '2026-11-23T00:00:00.000Z', today: '2026-11-23', language: 'zh' },
    );
    expect(bad.errors).toEqual([expect.objectContaining({ path: '/qty' })]);
    expect(engine.validateBundle({})).not.toEqual([]);
  });
});
