/**
 * Uploads: multipart, size-limited from the config, type allow-list checked against the content,
 * the bytes stored once by content hash under the data directory, each upload with its own random
 * id, name and uploader; downloads only for signed-in users, as attachments unless they are images.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const MAX = 64 * 1024;
let t: Built;
let token: string;
beforeAll(async () => {
  t = await build({ config: { maxUploadBytes: MAX } });
  token = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('not really pixels'),
]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

/** A multipart body with one file part, as a browser form would send it. */
function multipart(filename: string, type: string, content: Buffer) {
  const boundary = '----flowcase-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(
  filename: string,
  type: string,
  content: Buffer,
  auth: Record<string, string> = bearer(token),
) {
  const { payload, headers } = multipart(filename, type, content);
  return t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, ...auth } });
}

describe('POST /api/v1/files', () => {
  it('stores an allowed file under <dataDir>/files/<sha256> and answers its upload id (not the hash), name, type and size', async () => {
    const res = await upload('report.pdf', 'application/pdf', PDF);
    expect(res.statusCode, res.body).toBe(201);
    const sha = createHash('sha256').update(PDF).digest('hex');
    const { id } = res.json<{ id: string }>();
    expect(res.json()).toEqual({ id, name: 'report.pdf', type: 'application/pdf', size: PDF.length });
    expect(id).toMatch(/^[a-f0-9]{64}$/);
    expect(id).not.toBe(sha);
    expect(readFileSync(path.join(t.dataDir, 'files', sha))).toEqual(PDF);
    expect(await t.store.getFile(id)).toMatchObject({
      blob: sha,
      name: 'report.pdf',
      uploadedBy: t.admin.id,
    });
  });

  it('gives a second upload of the same bytes by someone else its own id and name: the first name stays hidden and both download their own', async () => {
    const TXT = Buffer.from('the same bytes, twice');
    const first = await upload('salary-review-2026.txt', 'text/plain', TXT);
    const other = await t.userWithRoles('other_uploader', []);
    const second = await upload('notes.txt', 'text/plain', TXT, bearer(other.token));
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ name: 'notes.txt', size: TXT.length });
    expect(second.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/files/${second.json<{ id: string }>().id}`,
      headers: bearer(other.token),
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload).toEqual(TXT);
    expect(mine.headers['content-disposition']).toMatch(/^attachment; filename="notes.txt"/);
    // The first upload is still the first uploader's alone.
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/files/${first.json<{ id: string }>().id}`,
          headers: bearer(other.token),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      readdirSync(path.join(t.dataDir, 'files')).filter(
        (f) => f === createHash('sha256').update(TXT).digest('hex'),
      ),
    ).toHaveLength(1);
  });

  it('answers 413 for a file over the configured size and keeps nothing', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX, 0x20)]);
    const res = await upload('big.pdf', 'application/pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(existsSync(path.join(t.dataDir, 'files', createHash('sha256').update(big).digest('hex')))).toBe(
      false,
    );
    expect(readdirSync(path.join(t.dataDir, 'files')).filter((f) => f.startsWith('.upload-'))).toEqual([]);
  });

  it('answers 415 for a type outside the allow-list (HTML, SVG, executables)', async () => {
    expect((await upload('x.html', 'text/html', Buffer.from('<script>alert(1)</script>'))).statusCode).toBe(
      415,
    );
    expect((await upload('x.svg', 'image/svg+xml', Buffer.from('<svg onload="alert(1)"/>'))).statusCode).toBe(
      415,
    );
    expect((await upload('x.exe', 'application/x-msdownload', Buffer.from('MZ'))).statusCode).toBe(415);
  });

  it('answers 415 when the content does not match the declared type', async () => {
    expect(
      (await upload('photo.png', 'image/png', Buffer.from('<html><script>alert(1)</script></html>')))
        .statusCode,
    ).toBe(415);
  });

  it('answers 415 to a JSON body and 401 without credentials', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/files',
          headers: bearer(token),
          payload: { file: 'x' },
        })
      ).statusCode,
    ).toBe(415);
    expect((await upload('report.pdf', 'application/pdf', PDF, {})).statusCode).toBe(401);
  });

  it('keeps only the base name of a path-like file name', async () => {
    const res = await upload('../../etc/notes.txt', 'text/plain', Buffer.from('hello'));
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('notes.txt');
  });
});

describe('GET /api/v1/files/:id', () => {
  it('downloads a document as an attachment with nosniff', async () => {
    const { id } = (await upload('report.pdf', 'application/pdf', PDF)).json();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}`, headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(PDF);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="report.pdf"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('shows images inline', async () => {
    const { id } = (await upload('photo.png', 'image/png', PNG)).json();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}`, headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^inline/);
  });

  it('needs a signed-in user, and answers 404 for unknown ids and 400 for malformed ones', async () => {
    const { id } = (await upload('report.pdf', 'application/pdf', PDF)).json();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}` })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/files/${'0'.repeat(64)}`, headers: bearer(token) }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/files/..%2F..%2Fflowcase.db',
          headers: bearer(token),
        })
      ).statusCode,
    ).toBe(400);
  });
});
