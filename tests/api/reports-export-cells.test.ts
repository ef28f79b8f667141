/**
 * What each exported cell holds, over HTTP on SQLite and PostgreSQL: text a spreadsheet would run
 * as a formula (= + - @ tab CR) is neutralized in CSV and stays a plain string in XLSX; quotes,
 * commas and line breaks survive the round trip; Chinese text and Chinese headers for a Chinese
 * user; a relation shows its record's display value, a user their name, options and booleans
 * their labels, numbers stay numbers (a negative one too); a field hidden by `visibleIf` is empty
 * and files are no column; customers may not export at all. Also: the bounded cache of related
 * records' display values labels every row of a chunk even while it evicts.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/auth/passwords.js';
import type { FormDef } from '../../engine/index.js';
import { RelationDisplay } from '../../runtime/reports/export-relations.js';
import { Labeler } from '../../runtime/reports/labels.js';
import { dialects } from '../store/dialects.js';
import { parseCsv } from './csv-reader.js';
import { actorOf, startServer, type Server } from './reports-kit.js';

const DIALECTS = await dialects('reports_export_cells');
const URL = '/api/v1/apps/desk/forms/case/export';

const KIND = [
  { value: 'public', label: { en: 'Public', zh: '公开' } },
  { value: 'internal', label: { en: 'Internal', zh: '内部' } },
];
const TAGS = [
  { value: 'a', label: { en: 'Alpha', zh: '甲' } },
  { value: 'b', label: { en: 'Beta', zh: '乙' } },
];

const BUNDLE = {
  format: 'flowcase/app@1',
  key: 'desk',
  name: 'Help desk',
  version: '1.0.0',
  roles: [
    { key: 'staff', name: 'Staff' },
    { key: 'client', name: 'Client', customer: true },
  ],
  forms: [
    { key: 'clients', name: 'Clients', fields: [{ key: 'name', type: 'text', label: 'Name' }] },
    {
      key: 'case',
      name: { en: 'Cases', zh: '案件' },
      fields: [
        { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } },
        { key: 'notes', type: 'textarea', label: { en: 'Notes', zh: '备注' } },
        { key: 'kind', type: 'select', label: { en: 'Kind', zh: '类型' }, options: KIND },
        {
          key: 'secret',
          type: 'text',
          label: { en: 'Internal note', zh: '内部备注' },
          visibleIf: { '==': [{ var: 'kind' }, 'internal'] },
        },
        { key: 'tags', type: 'multiselect', label: { en: 'Tags', zh: '标签' }, options: TAGS },
        { key: 'urgent', type: 'boolean', label: { en: 'Urgent', zh: '加急' } },
        {
          key: 'client',
          type: 'relation',
          label: { en: 'Client', zh: '客户' },
          form: 'clients',
          display: 'name',
        },
        { key: 'owner', type: 'user', label: { en: 'Owner', zh: '负责人' } },
        { key: 'balance', type: 'number', label: { en: 'Balance', zh: '余额' } },
        { key: 'site', type: 'address', label: { en: 'Site', zh: '地址' } },
        { key: 'photos', type: 'files', label: { en: 'Photos', zh: '照片' } },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

/** Every character that makes a spreadsheet read a cell as a formula, in titles and user names. */
const TITLES = [
  '=HYPERLINK("http://evil.example/a","click")',
  '+1+2',
  '-3+4',
  '@SUM(A1:A2)',
  'say "hi", then leave',
  '维修工单：屏幕破裂',
  "'quoted already",
  'plain',
];
const OWNER_NAMES = ['\t=1+1', '\r=2+2', '张工'];

interface Case {
  id: string;
  title: string;
  notes?: string;
  kind: 'public' | 'internal';
  secret?: string;
  tags?: string[];
  urgent?: boolean;
  client: string;
  owner: string;
  balance?: number;
  site?: { city: string; street: string };
}

/** A cell as a spreadsheet should show it once opened: formula-looking text starts with `'`. */
const shown = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`export cells (${d.name})`, () => {
    let server: Server;
    const cases: Case[] = [];
    const clientName = new Map<string, string>();
    const ownerName = new Map<string, string>();
    let zhToken = '';

    beforeAll(async () => {
      server = await startServer(d);
      const admin = actorOf(server.users.get('admin')!);
      const install = await server.app.inject({
        method: 'POST',
        url: '/api/v1/apps',
        headers: { authorization: `Bearer ${await server.token('admin')}` },
        payload: { bundle: BUNDLE },
      });
      expect(install.statusCode).toBeLessThan(300);
      const hash = await hashPassword('wang-password-1');
      await server.store.createUser({
        username: 'wang',
        displayName: '王管理员',
        passwordHash: hash,
        roles: ['admin'],
        language: 'zh-CN',
      });
      const login = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'wang', password: 'wang-password-1' },
      });
      zhToken = login.json<{ token: string }>().token;
      for (const name of OWNER_NAMES) {
        const u = await server.store.createUser({
          username: `owner${ownerName.size}`,
          displayName: name,
          passwordHash: hash,
          roles: ['staff'],
          language: 'en',
        });
        ownerName.set(u.id, name);
      }
      for (const name of ['Acme', '北方公司'])
        clientName.set(
          (await server.services.cases.createRecord('desk', 'clients', { name }, admin)).record.id,
          name,
        );
      const clients = [...clientName.keys()];
      const owners = [...ownerName.keys()];
      for (let i = 0; i < 24; i++) {
        const data: Omit<Case, 'id'> = {
          title: TITLES[i % TITLES.length]!,
          kind: i % 2 ? 'internal' : 'public',
          client: clients[i % 2]!,
          owner: owners[i % owners.length]!,
        };
        if (i % 3 === 0) data.notes = 'line one\nline two, "quoted"';
        // Given for every case; kept only where `kind` shows the field.
        data.secret = `note ${i}`;
        if (i % 4 === 0) data.tags = ['a', 'b'];
        if (i % 5 !== 0) data.urgent = i % 2 === 0;
        if (i % 3 !== 1) data.balance = i % 2 ? -(i * 1.5) : i * 100;
        if (i % 6 === 0) data.site = { city: '上海', street: '南京路 1 号' };
        const view = await server.services.cases.createRecord('desk', 'case', data, admin);
        cases.push({ id: view.record.id, ...data, ...(data.kind === 'public' ? { secret: undefined } : {}) });
      }
    }, 300_000);
    afterAll(async () => {
      await server?.close();
      await d.cleanup();
    });

    /** The cells a case's row should read back as (CSV parsed: everything is text). */
    function expectedCsv(c: Case, lang: 'en' | 'zh'): string[] {
      const label = (options: typeof KIND, v: string) => options.find((o) => o.value === v)!.label[lang];
      return [
        shown(c.title),
        c.notes ?? '',
        label(KIND, c.kind),
        c.secret ?? '',
        c.tags ? c.tags.map((t) => label(TAGS, t)).join(', ') : '',
        c.urgent === undefined ? '' : lang === 'en' ? (c.urgent ? 'yes' : 'no') : c.urgent ? '是' : '否',
        clientName.get(c.client)!,
        shown(ownerName.get(c.owner)!),
        c.balance === undefined ? '' : String(c.balance),
        c.site ? `${c.site.city} ${c.site.street}` : '',
      ];
    }

    it('neutralizes every formula-looking cell and keeps quotes, commas, line breaks and labels in CSV', async () => {
      const res = await server.get('admin', URL);
      expect(res.statusCode).toBe(200);
      expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = res.rawPayload.toString('utf8').slice(1);
      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual([
        'ID',
        'Created',
        'Created by',
        'Title',
        'Notes',
        'Kind',
        'Internal note',
        'Tags',
        'Urgent',
        'Client',
        'Owner',
        'Balance',
        'Site',
      ]);
      expect(rows.length).toBe(cases.length);
      const byId = new Map(rows.map((r) => [r[0]!, r]));
      for (const c of cases) expect(byId.get(c.id)!.slice(3)).toEqual(expectedCsv(c, 'en'));
      // Raw text: dangerous cells are quoted with the `'` inside; negative numbers stay bare numbers.
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example/a"",""click"")"`);
      for (const t of ['+1+2', '-3+4', '@SUM(A1:A2)', '\t=1+1', '\r=2+2'])
        expect(text).toContain(`,"'${t}",`);
      expect(text).toContain(`,"'quoted already",`);
      expect(text).toContain(',-7.5,');
      expect(text).toMatch(/,"line one\nline two, ""quoted""",/);
      for (const line of text.split('\r\n')) expect(line).not.toMatch(/(^|,)[=+@\t\r]/);
    });

    it('writes Chinese headers and labels for a Chinese user', async () => {
      const res = await server.app.inject({
        method: 'GET',
        url: `${URL}?format=csv`,
        headers: { authorization: `Bearer ${zhToken}` },
      });
      expect(res.statusCode).toBe(200);
      const [header, ...rows] = parseCsv(res.rawPayload.toString('utf8').slice(1));
      expect(header).toEqual([
        'ID',
        '创建时间',
        '创建人',
        '标题',
        '备注',
        '类型',
        '内部备注',
        '标签',
        '加急',
        '客户',
        '负责人',
        '余额',
        '地址',
      ]);
      const byId = new Map(rows.map((r) => [r[0]!, r]));
      for (const c of cases) expect(byId.get(c.id)!.slice(3)).toEqual(expectedCsv(c, 'zh'));
    });

    it('writes the same cells to XLSX, formula-looking text as plain strings and numbers as numbers', async () => {
      const res = await server.get('admin', `${URL}?format=xlsx`);
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.rowCount).toBe(cases.length + 1);
      const rows = new Map<string, ExcelJS.CellValue[]>();
      for (let n = 2; n <= sheet.rowCount; n++) {
        const cells = Array.from({ length: 13 }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);
        rows.set(cells[0] as string, cells);
      }
      for (const c of cases) {
        const got = rows.get(c.id)!;
        expect(got[3]).toBe(c.title);
        expect(got[6]).toBe(c.secret ?? null);
        expect(got[9]).toBe(clientName.get(c.client));
        // XML turns a CR in text into LF when the file is read (exceljs writes it as it is).
        expect(got[10]).toBe(ownerName.get(c.owner)!.replace(/\r/g, '\n'));
        expect(got[11]).toBe(c.balance ?? null);
      }
      expect(sheet.getRow(1).getCell(13).value).toBe('Site');
    });

    it('leaves customers out: exports are for the app staff', async () => {
      const res = await server.get('kate', URL);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('Acme');
    });

    it('labels every related record of a chunk while the display cache evicts', async () => {
      const admin = actorOf(server.users.get('admin')!);
      const names = new Map<string, string>();
      for (let i = 0; i < 9; i++)
        names.set(
          (await server.services.cases.createRecord('desk', 'clients', { name: `客户 ${i}` }, admin)).record
            .id,
          `客户 ${i}`,
        );
      const ids = [...names.keys()];
      const forms = new Map(BUNDLE.forms.map((f) => [f.key, f as FormDef]));
      const labeler = new Labeler(server.store, 'desk', forms, 'zh');
      const field = forms.get('case')!.fields.find((f) => f.key === 'client')!;
      const display = new RelationDisplay(labeler, field, 4);
      for (const chunk of [
        ids.slice(0, 3),
        ids.slice(3, 6),
        ids.slice(6, 9),
        ids.slice(0, 3),
        [ids[8]!, 'not-a-record'],
      ]) {
        await display.load(chunk);
        for (const id of chunk) expect(display.get(id)).toBe(names.get(id) ?? id);
        expect(display.size).toBeLessThanOrEqual(4 + chunk.length);
      }
    });

    it('reads a related form that fits the cache once, whole, and still labels records made since', async () => {
      const admin = actorOf(server.users.get('admin')!);
      const forms = new Map(BUNDLE.forms.map((f) => [f.key, f as FormDef]));
      const field = forms.get('case')!.fields.find((f) => f.key === 'client')!;
      const all = (await server.store.listRecords('desk', 'clients', { limit: 500 })).items;
      const display = new RelationDisplay(new Labeler(server.store, 'desk', forms, 'zh'), field);
      await display.load([all[0]!.id]);
      expect(display.size).toBe(all.length);
      for (const r of all) expect(display.get(r.id)).toBe(String(r.data.name));
      const later = await server.services.cases.createRecord(
        'desk',
        'clients',
        { name: '后来的客户' },
        admin,
      );
      await display.load([later.record.id, 'not-a-record']);
      expect(display.get(later.record.id)).toBe('后来的客户');
      expect(display.get('not-a-record')).toBe('not-a-record');
    });
  });
}
