/**
 * The upload allow-list: images, PDF, office documents and plain text. The declared type must be
 * on the list AND the first bytes must look like it, so a script renamed `.png` is refused. SVG
 * and HTML are left out on purpose: a browser would run their scripts.
 */

export interface AllowedType {
  /** Whether the bytes look like this type. */
  sniff: (head: Buffer) => boolean;
  /** Shown in the browser (images) rather than downloaded. */
  inline: boolean;
}

const startsWith =
  (...bytes: number[]) =>
  (head: Buffer) =>
    bytes.every((b, i) => head[i] === b);
const ascii =
  (text: string, offset = 0) =>
  (head: Buffer) =>
    head.subarray(offset, offset + text.length).toString('latin1') === text;
const zip = startsWith(0x50, 0x4b, 0x03, 0x04);
const ole = startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
const text = (head: Buffer) => !head.includes(0);

const TYPES: Record<string, AllowedType> = {
  'image/png': { sniff: startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), inline: true },
  'image/jpeg': { sniff: startsWith(0xff, 0xd8, 0xff), inline: true },
  'image/gif': { sniff: ascii('GIF8'), inline: true },
  'image/webp': { sniff: (h) => ascii('RIFF')(h) && ascii('WEBP', 8)(h), inline: true },
  'application/pdf': { sniff: ascii('%PDF-'), inline: false },
  'application/msword': { sniff: ole, inline: false },
  'application/vnd.ms-excel': { sniff: ole, inline: false },
  'application/vnd.ms-powerpoint': { sniff: ole, inline: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { sniff: zip, inline: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { sniff: zip, inline: false },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { sniff: zip, inline: false },
  'application/vnd.oasis.opendocument.text': { sniff: zip, inline: false },
  'application/vnd.oasis.opendocument.spreadsheet': { sniff: zip, inline: false },
  'text/plain': { sniff: text, inline: false },
  'text/csv': { sniff: text, inline: false },
};

/** Bytes read before deciding whether content matches its declared type. */
export const SNIFF_BYTES = 512;

/** `image/PNG; charset=x` → `image/png`. */
export function essence(mimetype: string): string {
  return (mimetype.split(';')[0] ?? '').trim().toLowerCase();
}

export function allowedType(mimetype: string): AllowedType | undefined {
  const key = essence(mimetype);
  return Object.hasOwn(TYPES, key) ? TYPES[key] : undefined;
}

/** The allowed types, for the OpenAPI description. */
export const ALLOWED_TYPES: readonly string[] = Object.keys(TYPES);
