/**
 * JSON Schemas shared by several route folders. Problem responses all point at the one
 * `Problem` schema (registered with `addSchema`), so the OpenAPI document lists it once.
 */

interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: { $ref: string } } };
}

/** `{ 401: Problem, 403: Problem, … }` for a route's error responses, typed application/problem+json. */
export function problemResponses(...statuses: number[]): Record<number, ProblemResponse> {
  const out: Record<number, ProblemResponse> = {};
  for (const status of statuses) {
    out[status] = {
      description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
    };
  }
  return out;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request or invalid definition (every problem by JSON path)',
  401: 'Not signed in, or bad credentials',
  403: 'Signed in but not allowed (or a cookie session without its CSRF token)',
  404: 'Not found',
  409: 'Conflicts with what is stored',
  413: 'Too large',
  428: 'The request must name the revision it changes (If-Match)',
  415: 'Content type not allowed',
  422: 'Well-formed but invalid data',
  429: 'Too many attempts',
  500: 'Internal error (no details)',
};

/** A localized name: one string or one per language. */
export const localizedTextSchema = {
  anyOf: [
    { type: 'string' },
    { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
  ],
} as const;

export const languageSchema = { type: 'string', enum: ['zh-CN', 'en'] } as const;

/** The user shape every route answers with (auth, users); the password hash never appears in any response. */
export const userSchema = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'roles', 'language'],
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    language: languageSchema,
  },
} as const;

/** Any JSON object, passed through as it is (definitions, record data). */
/** A person as pickers list them (the app's directory, transfer and signer targets). */
export const personSchema = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'roles'],
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const anyObjectSchema = { type: 'object', additionalProperties: true } as const;

export const keyParam = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' } as const;

/** The security requirement of every signed-in route in the OpenAPI document. */
export const signedIn: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
