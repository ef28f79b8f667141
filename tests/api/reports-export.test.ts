/**
 * Exports over HTTP on SQLite and PostgreSQL: the CSV (BOM, quoting, formulas neutralized) and the
 * XLSX (opened with exceljs) read back equal to the records with labels for selects, relations and
 * users; the record list's filter and sort apply; customers and outsiders may not export.
 */
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FormDef } from '../../engine/index.js';
import { exportColumns, exportLabels } from '../../runtime/reports/export-columns.js';
import { writeCsvInParallel } from '../../runtime/reports/export-csv-parallel.js';
import { ExportRows } from '../../runtime/reports/export-rows.js';
import { Labeler } from '../../runtime/reports/labels.js';
import { dialects } from '../store/dialects.js';
import { parseCsv } from './csv-reader.js';
import { SHOP_BUNDLE, seedShop, startServer, type Server, type Ticket } from './reports-kit.js';

const DIALECTS = await dialects('reports_export');
const URL = '/api/v1/apps/shop/forms/ticket/export';

const STATUS: Record<string, string> = { new: 'New', open: 'Open', closed: 'Closed' };
const CHANNEL: Record<string, string> = { web: 'Web', phone: 'Phone', shop: 'Shop' };

/** An instant as the export writes it: the server's zone (Shanghai, UTC+8 all year) with the offset. */
function shanghai(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} +08:00`;
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`exports (${d.name})`, () => {
    let server: Server;
    let tickets: Ticket[];
    let expected: (t: Ticket) => (string | number | null)[];
    let clientName: Map<string, string>;
    beforeAll(async () => {
      server = await startServer(d);
      const seeded = await seedShop(server, 620);
      tickets = seeded.tickets;
      clientName = new Map(seeded.clients.map((c) => [c.id, c.name]));
      const userName = new Map([...server.users.values()].map((u) => [u.id, u.displayName]));
      expected = (t) => [
        t.id,
        shanghai(t.createdAt),
        userName.get(t.createdBy)!,
        t.data.title,
        STATUS[t.data.status]!,
        CHANNEL[t.data.channel]!,
        t.data.amount ?? null,
        t.data.hours ?? null,
        clientName.get(t.data.client)!,
        t.data.owner ? userName.get(t.data.owner)! : null,
        t.data.opened ? shanghai(t.data.opened) : null,
        t.data.due ?? null,
        t.data.notes ?? null,
      ];
    }, 300_000);
    afterAll(async () => {
      await server?.close();
      await d.cleanup();
    });

    it('streams CSV with a BOM that reads back as the records, formulas quoted and neutralized', async () => {
      const res = await server.get('admin', `${URL}?format=csv&sort=createdAt`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="shop-ticket-.*\.csv"/);
      const text = res.rawPayload.toString('utf8');
      expect(text.startsWith('\ufeff')).toBe(true);
      const [header, ...rows] = parseCsv(text.slice(1));
      expect(header).toEqual([
        'ID',
        'Created',
        'Created by',
        'Title',
        'Status',
        'Channel',
        'Amount',
        'Hours',
        'Client',
        'Owner',
        'Opened',
        'Due',
        'Notes',
      ]);
      expect(rows.length).toBe(tickets.length);
      const ordered = [...tickets].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      rows.forEach((row, i) => {
        const want = expected(ordered[i]!).map((v) =>
          v === null ? '' : typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : String(v),
        );
        expect(row).toEqual(want);
      });
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example/0"",""click"")"`);
      expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    });

    it('writes XLSX that exceljs reads back as the records', async () => {
      const res = await server.get('bo', `${URL}?format=xlsx&sort=-createdAt`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.rowCount).toBe(tickets.length + 1);
      const ordered = [...tickets].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const cells = (n: number) =>
        Array.from({ length: 13 }, (_, c) => sheet.getRow(n).getCell(c + 1).value ?? null);
      expect(cells(1)[3]).toBe('Title');
      ordered.forEach((t, i) => expect(cells(i + 2)).toEqual(expected(t)));
      // A formula-looking title is a plain string cell, never a formula.
      const evil = ordered.findIndex((t) => t.data.title.startsWith('='));
      expect(typeof sheet.getRow(evil + 2).getCell(4).value).toBe('string');
    });

    it('applies the record list filter and sort', async () => {
      const filter = encodeURIComponent(
        JSON.stringify({ and: [{ '==': [{ var: 'channel' }, 'web'] }, { '>': [{ var: 'amount' }, 100] }] }),
      );
      const res = await server.get('admin', `${URL}?filter=${filter}&sort=-amount`);
      const rows = parseCsv(res.rawPayload.toString('utf8').slice(1)).slice(1);
      const want = tickets.filter((t) => t.data.channel === 'web' && (t.data.amount ?? 0) > 100);
      expect(rows.map((r) => r[0]).sort()).toEqual(want.map((t) => t.id).sort());
      const amounts = rows.map((r) => Number(r[6]));
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
      expect(
        (await server.get('admin', `${URL}?filter=${encodeURIComponent('{"nope":1}')}`)).statusCode,
      ).toBe(400);
    });

    it('formats a large export on worker threads into the same bytes as on the request thread', async () => {
      const config = server.services.config;
      const filter = encodeURIComponent(JSON.stringify({ '!=': [{ var: 'channel' }, 'shop'] }));
      for (const url of [`${URL}?format=csv`, `${URL}?filter=${filter}&sort=-amount`]) {
        config.exportThreadsFrom = 1_000_000;
        const single = await server.get('admin', url);
        config.exportThreadsFrom = 0;
        const threaded = await server.get('admin', url);
        expect(threaded.statusCode).toBe(200);
        expect(threaded.rawPayload.equals(single.rawPayload)).toBe(true);
      }
      delete config.exportThreadsFrom;
      // On SQLite the threads really ran: 620 rows are three chunks, dealt to both formatting threads.
      const statement = await server.store.scanStatement('shop', 'ticket', {});
      if (d.name === 'postgres') return expect(statement).toBeUndefined();
      expect(statement!.estimatedRows).toBeGreaterThanOrEqual(tickets.length);
      const job = {
        statement: statement!,
        joined: [],
        app: 'shop',
        form: 'ticket',
        forms: SHOP_BUNDLE.forms as never,
        lang: 'en' as const,
        timeZone: 'Asia/Shanghai',
        source: server.store,
        head: 'HEAD\r\n',
      };
      const pieces: Buffer[] = [];
      const sink = new Writable({ write: (chunk: Buffer, _e, done) => (pieces.push(chunk), done()) });
      expect(await writeCsvInParallel(job, sink, () => Promise.resolve(true))).toBe(tickets.length);
      expect(pieces.length).toBe(4);
      const body = (await server.get('admin', `${URL}?format=csv`)).rawPayload.toString('utf8');
      expect(Buffer.concat(pieces).toString('utf8')).toBe('HEAD\r\n' + body.slice(body.indexOf('\r\n') + 2));
      // A reader that goes away after the first chunk stops the export and its threads.
      let writes = 0;
      const gone = new Writable({ write: (_c, _e, done) => (writes++, done()) });
      expect(await writeCsvInParallel(job, gone, () => Promise.resolve(writes < 2))).toBe(256);
      // While a long write holds the lock, the threads cannot begin one snapshot: nothing is written
      // and the export runs on the request's thread instead, with the same bytes.
      const writer = new Database(statement!.file);
      writer.exec('begin immediate');
      try {
        let wrote = 0;
        const untouched = new Writable({ write: (_c, _e, done) => (wrote++, done()) });
        expect(await writeCsvInParallel(job, untouched, () => Promise.resolve(true))).toBeUndefined();
        expect(wrote).toBe(0);
        config.exportThreadsFrom = 0;
        const fallback = await server.get('admin', `${URL}?format=csv`);
        delete config.exportThreadsFrom;
        expect(fallback.rawPayload.equals(Buffer.from(body, 'utf8'))).toBe(true);
      } finally {
        writer.exec('rollback');
        writer.close();
      }
      // A failing label read fails the export with its reason.
      const failing = {
        listUserNames: () => Promise.reject(new Error('users are gone')),
        getUsers: () => Promise.reject(new Error('users are gone')),
        fieldValues: server.store.fieldValues.bind(server.store),
        listRecords: server.store.listRecords.bind(server.store),
      };
      await expect(
        writeCsvInParallel(
          { ...job, source: failing },
          new Writable({ write: (_c, _e, done) => done() }),
          () => Promise.resolve(true),
        ),
      ).rejects.toThrow('users are gone');
    }, 60_000);

    it("reads users' names and clients' display values in the scan itself, loading no table of labels", async () => {
      const forms = new Map((SHOP_BUNDLE.forms as FormDef[]).map((f) => [f.key, f]));
      const labels = exportLabels(
        forms.get('ticket')!,
        new Labeler(server.store, 'shop', forms, 'en', 'Asia/Shanghai'),
      ).map((l) => l.label);
      expect(labels).toEqual([
        { user: 'createdBy' },
        { relation: 'client', form: 'clients', display: 'name' },
        { user: 'owner' },
      ]);
      const joined = await server.store.scanLabels('shop', 'ticket', labels);
      // PostgreSQL exports read keyset pages of the list and look every label up.
      if (d.name === 'postgres') return expect(joined).toEqual([false, false, false]);
      expect(joined).toEqual([true, true, true]);

      const config = server.services.config;
      config.exportThreadsFrom = 1_000_000;
      const everyUser = vi.spyOn(server.store, 'listUserNames');
      const someUsers = vi.spyOn(server.store, 'getUsers');
      const columns = vi.spyOn(server.store, 'fieldValues');
      try {
        const res = await server.get('admin', `${URL}?format=csv&sort=createdAt`);
        expect(parseCsv(res.rawPayload.toString('utf8').slice(1)).length).toBe(tickets.length + 1);
        expect(everyUser).not.toHaveBeenCalled();
        expect(someUsers).not.toHaveBeenCalled();
        expect(columns).not.toHaveBeenCalled();
      } finally {
        vi.restoreAllMocks();
        delete config.exportThreadsFrom;
      }

      // The formatting threads get the labels with the rows: a label source that fails is never asked.
      const statement = await server.store.scanStatement('shop', 'ticket', {}, labels);
      const gone = () => Promise.reject(new Error('no label may be read'));
      const source = { listUserNames: gone, getUsers: gone, fieldValues: gone, listRecords: gone };
      const pieces: Buffer[] = [];
      const sink = new Writable({ write: (chunk: Buffer, _e, done) => (pieces.push(chunk), done()) });
      const job = {
        statement: statement!,
        joined,
        app: 'shop',
        form: 'ticket',
        forms: [...forms.values()],
        lang: 'en' as const,
        timeZone: 'Asia/Shanghai',
        source,
        head: '',
      };
      expect(await writeCsvInParallel(job, sink, () => Promise.resolve(true))).toBe(tickets.length);
      const body = (await server.get('admin', `${URL}?format=csv`)).rawPayload.toString('utf8');
      expect(Buffer.concat(pieces).toString('utf8')).toBe(body.slice(body.indexOf('\r\n') + 2));
    }, 60_000);

    it('looks up, as before, each label the scan could not read (no such user or record, an empty column)', async () => {
      const forms = new Map((SHOP_BUNDLE.forms as FormDef[]).map((f) => [f.key, f]));
      const form = forms.get('ticket')!;
      const sample = tickets.slice(0, 40).map((t) => ({
        id: t.id,
        createdBy: t.createdBy,
        createdAt: t.createdAt,
        data: t.data as unknown as Record<string, unknown>,
      }));
      const plain = new Labeler(server.store, 'shop', forms, 'en', 'Asia/Shanghai');
      const unlabelled = new ExportRows(exportColumns(form, plain), plain);
      await unlabelled.prepare(sample);
      const want = sample.map((r) => unlabelled.csv(r));
      // Half the rows come with their labels read; in the rest the scan found nothing (null).
      const userName = new Map([...server.users.values()].map((u) => [u.id, u.displayName]));
      const scanned = sample.map((r, i) => ({
        ...r,
        labels:
          i % 2
            ? [null, null, null]
            : [
                userName.get(r.createdBy)!,
                clientName.get(r.data.client as string)!,
                typeof r.data.owner === 'string' ? userName.get(r.data.owner)! : null,
              ],
      }));
      const labeler = new Labeler(server.store, 'shop', forms, 'en', 'Asia/Shanghai');
      const rows = new ExportRows(exportColumns(form, labeler, [true, true, true]), labeler);
      const everyUser = vi.spyOn(server.store, 'listUserNames');
      const wholeColumn = vi.spyOn(labeler, 'allDisplayValues');
      try {
        await rows.prepare(scanned);
        expect(scanned.map((r) => rows.csv(r))).toEqual(want);
        // Only the missing ones were read, by id: never every user, never the clients' whole column.
        expect(everyUser).not.toHaveBeenCalled();
        expect(wholeColumn).not.toHaveBeenCalled();
      } finally {
        vi.restoreAllMocks();
      }
      // A label the scan read wins over what the store says now (one snapshot for the whole export).
      const renamed = { ...scanned[0]!, labels: ['Someone else', 'Another client', null] };
      const line = rows.csv(renamed);
      expect(line).toContain(',Someone else,');
      expect(line).toContain(',Another client,');
      expect(line).not.toContain(clientName.get(renamed.data.client as string)!);
    });

    it('heads and labels the file in the language a download link asks for', async () => {
      const zh = parseCsv(
        (await server.get('admin', `${URL}?format=csv&lang=zh-CN`)).rawPayload.toString('utf8').slice(1),
      );
      expect(zh[0]!.slice(0, 3)).toEqual(['ID', '创建时间', '创建人']);
      expect(new Set(zh.slice(1).map((r) => r[4]))).toEqual(new Set(['新建', '处理中', '已关闭']));
      expect((await server.get('admin', `${URL}?lang=fr`)).statusCode).toBe(400);
    });

    it('is for admins and app staff only', async () => {
      expect((await server.get('kate', URL)).statusCode).toBe(403);
      expect((await server.get('stranger', URL)).statusCode).toBe(404);
    });
  });
}
