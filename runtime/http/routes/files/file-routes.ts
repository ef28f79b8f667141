/**
 * `POST /api/v1/files` (multipart, one part named `file`) and `GET /api/v1/files/:id`. Uploads are
 * size-limited from the config and type-checked twice (declared type on the allow-list, first
 * bytes matching it); downloads of anything but images are attachments, never rendered inline.
 * Each upload gets its own random id and row (name, uploader); the bytes are stored once by hash.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { FlowcaseError } from '../../../../engine/index.js';
import { FileInfo } from '../../../../contract/index.js';
import type { RouteOptions } from '../../route-options.js';
import { problemResponses, signedIn } from '../../schemas.js';
import { mayDownload } from './file-access.js';
import { FileBlobs } from './file-blobs.js';
import { ALLOWED_TYPES, SNIFF_BYTES, allowedType, essence } from './file-types.js';

/** Keeps a display name harmless: no path, no control characters, bounded length. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}

function disposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A body that is not well-formed multipart (cut short, no boundary, a broken part header) is the
 * client's mistake: 400, not 500. Errors with their own status (the multipart plugin's) and system
 * errors with a code (a full disk) pass through unchanged.
 */
function malformed(e: unknown): never {
  const err = e as { statusCode?: unknown; code?: unknown };
  if (e instanceof FlowcaseError || typeof err.statusCode === 'number' || typeof err.code === 'string')
    throw e;
  throw new FlowcaseError('FC_BAD_REQUEST', 'The multipart body is malformed.', { path: '/file' });
}

export default function fileRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  const blobs = new FileBlobs(services.config.dataDir);
  const definitions = services.versions;

  app.post(
    '/files',
    {
      // The multipart stream is checked by the handler itself (type, size, content); the body
      // schema above only documents it.
      validatorCompiler: () => () => true,
      schema: {
        tags: ['files'],
        summary: `Upload one file (multipart/form-data, part "file"); allowed types: ${ALLOWED_TYPES.join(', ')}`,
        security: signedIn,
        consumes: ['multipart/form-data'],
        body: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: {
                    type: 'string',
                    format: 'binary',
                    description: 'The file, with its file name and content type',
                  },
                },
              },
            },
          },
        },
        response: { 201: FileInfo, ...problemResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new FlowcaseError('FC_UNSUPPORTED_MEDIA_TYPE', 'Upload files as multipart/form-data.');
      const part = await request
        .file({
          throwFileSizeLimit: false,
          limits: { fileSize: services.config.maxUploadBytes, files: 1, fields: 10, parts: 11 },
        })
        .catch(malformed);
      if (!part) throw new FlowcaseError('FC_BAD_REQUEST', 'The request holds no file.', { path: '/file' });
      const type = allowedType(part.mimetype);
      if (!type) {
        part.file.resume();
        throw new FlowcaseError(
          'FC_UNSUPPORTED_MEDIA_TYPE',
          `Files of type ${essence(part.mimetype)} are not accepted.`,
          { path: '/file' },
        );
      }
      const staged = await blobs.stage(part.file, SNIFF_BYTES).catch(malformed);
      if (part.file.truncated) {
        await staged.discard();
        throw new FlowcaseError(
          'FC_PAYLOAD_TOO_LARGE',
          `Files may be at most ${services.config.maxUploadBytes} bytes.`,
          { path: '/file' },
        );
      }
      if (!type.sniff(staged.head)) {
        await staged.discard();
        throw new FlowcaseError(
          'FC_UNSUPPORTED_MEDIA_TYPE',
          `The content does not look like ${essence(part.mimetype)}.`,
          { path: '/file' },
        );
      }
      await staged.commit();
      const row = await services.store.putFile({
        id: randomBytes(32).toString('hex'),
        blob: staged.id,
        name: cleanName(part.filename),
        type: essence(part.mimetype),
        size: staged.size,
        uploadedBy: request.actor.id,
        createdAt: services.clock.now().toISOString(),
      });
      return reply.code(201).send({ id: row.id, name: row.name, type: row.type, size: row.size });
    },
  );

  app.get<{ Params: { id: string }; Querystring: { record?: string } }>(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a file; everything but images comes as an attachment',
        description:
          'The uploader and administrators may download a file directly. Anyone else names the record it is attached to (`?record=`): they must be allowed to read that record, and the file must be in one of its `files` fields that they are shown. Otherwise 404, as for a file that does not exist.',
        security: signedIn,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', pattern: '^[a-f0-9]{64}$' } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            record: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              description: 'The record the file is attached to',
            },
          },
        },
        response: {
          200: { description: 'The file content', type: 'string', format: 'binary' },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const found = await services.store.getFile(request.params.id);
      // No access looks exactly like no file: an id must not confirm that someone else's file exists.
      const row =
        found && (await mayDownload(services, definitions, request.actor, found, request.query.record))
          ? found
          : undefined;
      const stream = row ? await blobs.open(row.blob) : undefined;
      if (!row || !stream) throw new FlowcaseError('FC_NOT_FOUND', 'There is no such file.');
      const inline = allowedType(row.type)?.inline === true;
      return reply
        .type(row.type)
        .header('Content-Length', row.size)
        .header('Content-Disposition', disposition(inline ? 'inline' : 'attachment', row.name))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'private, max-age=3600')
        .send(stream);
    },
  );

  return Promise.resolve();
}
