/**
 * The one catalogue of Flowcase error codes. Every layer (engine, store, HTTP) throws or returns
 * these codes; the HTTP layer maps `status` to the response and never invents its own codes for
 * engine failures.
 */
export const ERROR_CATALOGUE = {
  FC_DEFINITION_INVALID: { status: 400, title: 'The definition is invalid' },
  FC_BAD_REQUEST: { status: 400, title: 'The request is malformed' },
  FC_UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  FC_BAD_CREDENTIALS: { status: 401, title: 'Wrong username or password' },
  FC_FORBIDDEN: { status: 403, title: 'You may not do this' },
  FC_TASK_NOT_ASSIGNEE: { status: 403, title: 'This task is not assigned to you' },
  FC_FIELD_NOT_EDITABLE: { status: 422, title: 'A field may not be written at this step' },
  FC_NOT_FOUND: { status: 404, title: 'Not found' },
  FC_CONFLICT: { status: 409, title: 'The resource was changed by someone else' },
  FC_TASK_ALREADY_DONE: { status: 409, title: 'The task is no longer open' },
  FC_INSTANCE_NOT_ACTIVE: { status: 409, title: 'The instance is not active' },
  FC_ACTION_NOT_ALLOWED: { status: 422, title: 'The action is not allowed at this step' },
  FC_EVENT_NOT_EXPECTED: { status: 409, title: 'The instance is not waiting for this event' },
  FC_RETURN_TARGET_INVALID: { status: 422, title: 'The step cannot return there' },
  FC_VALIDATION_FAILED: { status: 422, title: 'The data is invalid' },
  FC_RULE_INVALID: { status: 400, title: 'The rule is invalid' },
  FC_TEMPLATE_INVALID: { status: 400, title: 'The template is invalid' },
  FC_SNAPSHOT_INVALID: { status: 500, title: 'The saved state cannot be read' },
  FC_PAYLOAD_TOO_LARGE: { status: 413, title: 'The request is too large' },
  FC_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The content type is not supported' },
  FC_RATE_LIMITED: { status: 429, title: 'Too many attempts; try again later' },
  FC_INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One problem in a definition or a payload, located by a JSON pointer (RFC 6901). */
export interface Problem {
  path: string;
  code: string;
  message: string;
  /**
   * `warning`: worth fixing but harmless as it stands (the engine does something sensible), so it
   * blocks neither saving nor publishing (`bundleWarnings`). Absent: an error.
   */
  severity?: 'warning';
}

/**
 * A typed error: a catalogue code, a message for people, the JSON path it concerns and, when
 * several things are wrong at once, every problem.
 */
export class FlowcaseError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly path: string;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message?: string, options: { path?: string; problems?: readonly Problem[] } = {}) {
    super(message ?? ERROR_CATALOGUE[code].title);
    this.name = 'FlowcaseError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.path = options.path ?? '';
    this.problems = options.problems ?? [];
  }
}

export function isFlowcaseError(e: unknown): e is FlowcaseError {
  return e instanceof FlowcaseError;
}

/** Escapes one JSON pointer segment (RFC 6901). */
const POINTER_ESCAPES = /[~/]/;

export function pointerSegment(segment: string | number): string {
  const text = String(segment);
  // Field keys never need escaping; the test is cheaper than two replaces on every path built.
  if (!POINTER_ESCAPES.test(text)) return text;
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins segments into a JSON pointer: `pointer('flows', 0, 'nodes', 'a')` → `/flows/0/nodes/a`. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}
