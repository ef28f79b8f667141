/**
 * A file id is the hash of its content, so knowing it grants nothing: the uploader and
 * administrators download directly; anyone else names the record the file is attached to, must
 * be allowed to read that record, and the file must be in one of its `files` fields. Every refusal
 * is a 404, exactly like a file that does not exist.
 */
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
        { key: 'note', type: 'text', label: 'Note' },
        { key: 'evidence', type: 'files', label: 'Evidence' },
        {
          key: 'items',
          type: 'table',
          label: 'Items',
          columns: [{ key: 'receipt', type: 'files', label: 'Receipt' }],
        },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('a private photo'),
]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\nreceipt');

let t: Built;
let admin: string;
let alice: string;
let bob: string;
let adjuster: string;
let photo: string;
let receipt: string;
let aliceClaim: string;
let bobClaim: string;

function upload(token: string, name: string, type: string, content: Buffer) {
  const boundary = '----flowcase-file-access';
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

async function createClaim(token: string, data: Record<string, unknown>): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/apps/claims/forms/claim/records',
    headers: bearer(token),
    payload: { data },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ record: { id: string } }>().record.id;
}

function download(token: string, id: string, record?: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/files/${id}${record ? `?record=${encodeURIComponent(record)}` : ''}`,
    headers: bearer(token),
  });
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
  photo = (await upload(alice, 'photo.png', 'image/png', PNG)).json<{ id: string }>().id;
  receipt = (await upload(alice, 'receipt.pdf', 'application/pdf', PDF)).json<{ id: string }>().id;
  aliceClaim = await createClaim(alice, {
    title: 'Broken screen',
    evidence: [photo],
    items: [{ receipt: [receipt] }],
  });
  // Bob knows the hash and writes it into a text field of his own claim: that attaches nothing.
  bobClaim = await createClaim(bob, { title: 'Mine', note: photo });
});

afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/files/:id: who may download', () => {
  it('lets the uploader and administrators download directly', async () => {
    expect((await download(alice, photo)).statusCode).toBe(200);
    expect((await download(admin, receipt)).statusCode).toBe(200);
  });

  it('lets staff who may read the record download what is attached to it, in a field or a table column', async () => {
    const res = await download(adjuster, photo, aliceClaim);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(PNG);
    expect((await download(adjuster, receipt, aliceClaim)).statusCode).toBe(200);
  });

  it('answers 404 without the record, or with a record the file is not attached to', async () => {
    expect((await download(adjuster, photo)).statusCode).toBe(404);
    expect((await download(adjuster, photo, bobClaim)).statusCode).toBe(404);
  });

  it('never lets another customer reach it: not through their own record, not through a record they cannot read', async () => {
    expect((await download(bob, photo)).statusCode).toBe(404);
    expect((await download(bob, photo, bobClaim)).statusCode).toBe(404);
    expect((await download(bob, photo, aliceClaim)).statusCode).toBe(404);
    expect((await download(bob, receipt, 'no-such-record')).statusCode).toBe(404);
  });

  it('refuses unknown query parameters and over-long record ids with 400', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/files/${photo}?recrod=x`, headers: bearer(alice) }))
        .statusCode,
    ).toBe(400);
    expect((await download(alice, photo, 'x'.repeat(101))).statusCode).toBe(400);
  });
});
