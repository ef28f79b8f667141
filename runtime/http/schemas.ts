/**
 * Route plumbing shared by several route folders; the shapes themselves are the contract's
 * (contract/, docs/api.md). Problem responses all point at the one
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

/** Any JSON object, passed through as it is (request bodies: definitions, record data, payloads). */
export const anyObjectSchema = { type: 'object', additionalProperties: true } as const;

/** The security requirement of every signed-in route in the OpenAPI document. */
export const signedIn: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
