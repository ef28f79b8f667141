/**
 * A server for the HTTP figures, run as a child process so the load generator and the server
 * each have a core: `tsx bench/http-server.ts flowcase <dataDir>` starts the real Flowcase server
 * (`startServer`, demo users, the after-sales template) on a loopback port; `… bare <file>` starts
 * a bare fastify endpoint doing one SQLite `UPDATE` per request. Prints one JSON line with the
 * URL, then serves until stdin closes; `GET /__rss` on the bare server and a `rss` line on stdin
 * for either report the process RSS.
 */
import { createInterface } from 'node:readline';
import Fastify from 'fastify';
import { readConfig } from '../runtime/config.js';
import { startServer } from '../runtime/server.js';
import { openSqlite } from './lib/baselines.js';
import { BENCH_PASSWORD } from './lib/flagship.js';

async function main(): Promise<void> {
  const [mode, target] = process.argv.slice(2);
  if (!target) throw new Error('usage: http-server.ts flowcase|bare <dataDir|file>');
  let close: () => Promise<void>;
  let url: string;
  if (mode === 'flowcase') {
    process.env.FLOWCASE_DEMO_PASSWORD = BENCH_PASSWORD;
    const server = await startServer({
      ...readConfig({}),
      dataDir: target,
      port: 0,
      host: '127.0.0.1',
      adminPassword: BENCH_PASSWORD,
      demo: true,
      logLevel: 'warn',
    });
    url = server.url;
    close = () => server.close();
  } else {
    const db = openSqlite(target, 'NORMAL');
    db.exec(
      'create table if not exists bare_rows (id integer primary key, v integer not null, body text not null)',
    );
    const insert = db.prepare('insert or ignore into bare_rows (id, v, body) values (?, 0, ?)');
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) insert.run(i, 'x'.repeat(300));
    })();
    const update = db.prepare('update bare_rows set v = v + 1 where id = ?');
    const app = Fastify({ logger: false });
    app.post<{ Params: { id: string } }>('/bare/:id', (req, reply) => {
      const changes = update.run(Number(req.params.id) % 10_000).changes;
      void reply.send({ ok: changes === 1 });
    });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    close = async () => {
      await app.close();
      db.close();
    };
  }
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'rss')
      process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss })}\n`);
  });
  lines.on('close', () => {
    void close().then(() => process.exit(0));
  });
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
