/**
 * A file id is no key. A write (a new record, a completed task) may name in its `files` fields
 * only files its writer uploaded or that are already on the record; anyone else's file gets the
 * very answer an id that was never uploaded gets, so a copied or guessed id neither attaches the
 * file (which would open it through `GET /files/:id?record=`) nor tells that it exists. A field's
 * `accept` list (`image/*`) holds for the files a write names, not only in the browser's picker.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const BUNDLE = {
  format: 'flowcase/app@1',
  key: 'claims',
  name: 'Claims',
  version: '1.0.0',
  roles: [
    { key: 'adjuster', name: 'Adjuster' },
    { key: 'claimant', name: 'Claimant', customer: true },
  ],
  forms: [
    {
      key: 'claim',
      name: 'Claim',
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        { key: 'evidence', type: 'files', label: 'Evidence' },
        { key: 'photos', type: 'files', label: 'Photos', accept: ['image/*'] },
        {
          key: 'items',
          type: 'table',
          label: 'Items',
          columns: [{ key: 'receipt', type: 'files', label: 'Receipt' }],
        },
        { key: 'report', type: 'files', label: 'Report' },
        { key: 'site_photos', type: 'files', label: 'Site photos', accept: ['image/*'] },
      ],
    },
  ],
  flows: [
    {
      key: 'handle',
      name: 'Handle',
      form: 'claim',
      trigger: { on: 'record.created' },
      start: 'review',
      nodes: {
        review: {
          type: 'task',
          assignee: { role: 'adjuster' },
          fields: { editable: ['report', 'site_photos'] },
          actions: ['submit'],
          next: 'done',
        },
        done: { type: 'end' },
      },
    },
  ],
  dashboards: [],
};

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('alice’s private photo'),
]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\nalice’s receipt');
const ADJUSTER_PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\nassessment');
const ADJUSTER_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('site photo'),
]);

interface Problem {
  path: string;
  code: string;
  message: string;
}

let t: Built;
let alice: string;
let bob: string;
let adjuster: string;
let admin: string;
let photo: string;
let receipt: string;
let aliceClaim: string;

function upload(token: string, name: string, type: string, content: Buffer) {
  const boundary = '----flowcase-file-references';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...bearer(token) },
  });
}

async function uploaded(token: string, name: string, type: string, content: Buffer): Promise<string> {
  const res = await upload(token, name, type, content);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

function createClaim(token: string, data: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/apps/claims/forms/claim/records',
    headers: bearer(token),
    payload: { data },
  });
}

async function claimOf(token: string, data: Record<string, unknown>): Promise<string> {
  const res = await createClaim(token, data);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ record: { id: string } }>().record.id;
}

async function reviewTask(recordId: string): Promise<string> {
  const inbox = await t.app.inject({
    method: 'GET',
    url: '/api/v1/tasks?status=open&limit=200',
    headers: bearer(adjuster),
  });
  return inbox
    .json<{ items: { id: string; recordId: string }[] }>()
    .items.find((x) => x.recordId === recordId)!.id;
}

function completeReview(taskId: string, data: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/tasks/${taskId}/complete`,
    headers: bearer(adjuster),
    payload: { action: 'submit', data },
  });
}

function download(token: string, id: string, record: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/files/${id}?record=${encodeURIComponent(record)}`,
    headers: bearer(token),
  });
}

function problems(res: { json: <T>() => T }): Problem[] {
  return res.json<{ errors: Problem[] }>().errors;
}

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
  expect(
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/apps',
        headers: bearer(admin),
        payload: { bundle: BUNDLE },
      })
    ).statusCode,
  ).toBe(201);
  alice = (await t.userWithRoles('alice', ['claimant'])).token;
  bob = (await t.userWithRoles('bob', ['claimant'])).token;
  adjuster = (await t.userWithRoles('adjuster', ['adjuster'])).token;
  photo = await uploaded(alice, 'photo.png', 'image/png', PNG);
  receipt = await uploaded(alice, 'receipt.pdf', 'application/pdf', PDF);
  aliceClaim = await claimOf(alice, {
    title: 'Broken screen',
    evidence: [photo],
    items: [{ receipt: [receipt] }],
  });
});

afterAll(async () => {
  await t.close();
});

describe('naming a file in a record', () => {
  it('refuses another customer’s file id in one’s own record with 422 at the field, so it cannot be downloaded through that record', async () => {
    const res = await createClaim(bob, { title: 'Mine now', evidence: [photo] });
    expect(res.statusCode, res.body).toBe(422);
    expect(problems(res)).toEqual([
      { path: '/evidence/0', code: 'field.file_not_found', message: `No uploaded file "${photo}".` },
    ]);
  });

  it('refuses it in a table column too', async () => {
    const res = await createClaim(bob, { title: 'Mine now', items: [{ receipt: [receipt] }] });
    expect(res.statusCode, res.body).toBe(422);
    expect(problems(res).map((p) => [p.path, p.code])).toEqual([
      ['/items/0/receipt/0', 'field.file_not_found'],
    ]);
  });

  it('answers exactly as for an id never uploaded or the content’s hash: nothing tells that the file exists', async () => {
    const answer = async (id: string) => {
      const res = await createClaim(bob, { title: 'Probe', evidence: [id] });
      expect(res.statusCode).toBe(422);
      return JSON.stringify(res.json()).replaceAll(id, '<id>');
    };
    const unknown = await answer('0'.repeat(64));
    expect(await answer(photo)).toBe(unknown);
    expect(await answer(createHash('sha256').update(PNG).digest('hex'))).toBe(unknown);
    // A field whose `accept` the file would not fit still answers "no such file", not its type.
    const typed = await createClaim(bob, { title: 'Probe', photos: [receipt] });
    expect(problems(typed)).toEqual([
      { path: '/photos/0', code: 'field.file_not_found', message: `No uploaded file "${receipt}".` },
    ]);
  });

  it('refuses staff a file of another record when they complete a task', async () => {
    const bobClaim = await claimOf(bob, { title: 'Dented case' });
    const res = await completeReview(await reviewTask(bobClaim), { report: [photo] });
    expect(res.statusCode, res.body).toBe(422);
    expect(problems(res).map((p) => [p.path, p.code])).toEqual([['/report/0', 'field.file_not_found']]);
    expect((await download(bob, photo, bobClaim)).statusCode).toBe(404);
  });

  it('lets a task name the record’s own files again beside the writer’s new uploads', async () => {
    const own = await uploaded(adjuster, 'assessment.pdf', 'application/pdf', ADJUSTER_PDF);
    const res = await completeReview(await reviewTask(aliceClaim), { report: [photo, own] });
    expect(res.statusCode, res.body).toBe(200);
    const stored = await t.app.inject({
      method: 'GET',
      url: `/api/v1/records/${aliceClaim}`,
      headers: bearer(admin),
    });
    expect(stored.json<{ record: { data: Record<string, unknown> } }>().record.data).toMatchObject({
      evidence: [photo],
      report: [photo, own],
    });
  });
});

describe("a files field's accept list", () => {
  it('refuses a file of another type when a record is created, naming the field and the types it takes', async () => {
    const res = await createClaim(alice, { title: 'Receipt as photo', photos: [receipt] });
    expect(res.statusCode, res.body).toBe(422);
    expect(problems(res)).toEqual([
      {
        path: '/photos/0',
        code: 'field.file_type_not_accepted',
        message: 'This field takes only image/* files; "receipt.pdf" is application/pdf.',
      },
    ]);
    const ok = await createClaim(alice, { title: 'Photo', photos: [photo] });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses it when a task is completed', async () => {
    const claim = await claimOf(alice, { title: 'Cracked back' });
    const task = await reviewTask(claim);
    const pdf = await uploaded(adjuster, 'assessment.pdf', 'application/pdf', ADJUSTER_PDF);
    const refused = await completeReview(task, { site_photos: [pdf] });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(problems(refused).map((p) => [p.path, p.code])).toEqual([
      ['/site_photos/0', 'field.file_type_not_accepted'],
    ]);
    const png = await uploaded(adjuster, 'site.png', 'image/png', ADJUSTER_PNG);
    expect((await completeReview(task, { site_photos: [png] })).statusCode).toBe(200);
  });
});
