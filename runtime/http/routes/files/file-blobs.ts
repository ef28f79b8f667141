/**
 * File contents on disk under `<dataDir>/files/<sha256>`: content-addressed, so the same bytes
 * uploaded twice are stored once and a name can never point outside the folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StagedUpload {
  /** Hex SHA-256 of the content: the blob's name (a `files` row's `blob`), never an upload's id. */
  id: string;
  size: number;
  /** The first bytes, for type sniffing. */
  head: Buffer;
  /** Moves the content to its final place (idempotent for the same bytes). */
  commit(): Promise<void>;
  /** Removes the staged copy. */
  discard(): Promise<void>;
}

const ID = /^[a-f0-9]{64}$/;

export class FileBlobs {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'files');
  }

  /** Writes a stream to a temporary file while hashing it; call `commit` or `discard` after. */
  async stage(source: Readable, headBytes: number): Promise<StagedUpload> {
    await mkdir(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `.upload-${randomBytes(12).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const heads: Buffer[] = [];
    let headLength = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < headBytes) {
          heads.push(chunk.subarray(0, headBytes - headLength));
          headLength += Math.min(chunk.length, headBytes - headLength);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, createWriteStream(tmp, { flags: 'wx' }));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    const id = hash.digest('hex');
    const target = path.join(this.dir, id);
    return {
      id,
      size,
      head: Buffer.concat(heads),
      commit: () => rename(tmp, target),
      discard: () => rm(tmp, { force: true }),
    };
  }

  /** A stream of a stored file, or undefined when it is not on disk. */
  async open(id: string): Promise<ReadStream | undefined> {
    if (!ID.test(id)) return undefined;
    const file = path.join(this.dir, id);
    try {
      if (!(await stat(file)).isFile()) return undefined;
    } catch {
      return undefined;
    }
    return createReadStream(file);
  }
}
