/**
 * Turns every error into `application/problem+json` (RFC 9457) with the catalogue's status.
 * 5xx responses never carry internals: the detail is logged, the client gets a generic title.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE, FlowcaseError, type Problem } from '../../engine/index.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors: { path: string; code?: string; message: string }[];
}

function body(code: string, status: number, detail: string | undefined, errors: ProblemBody['errors']): ProblemBody {
  const entry = (ERROR_CATALOGUE as Record<string, { title: string }>)[code];
  return {
    type: `https://flowcase.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: entry?.title ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    code,
    errors,
  };
}

function fromProblems(problems: readonly Problem[]): ProblemBody['errors'] {
  return problems.map((p) => ({ path: p.path, code: p.code, message: p.message }));
}

/** The problem body and status for any thrown value. */
export function toProblem(error: unknown): ProblemBody {
  if (error instanceof FlowcaseError) {
    const errors = error.problems.length > 0 ? fromProblems(error.problems) : [{ path: error.path, message: error.message }];
    const safe = error.status < 500;
    return body(error.code, error.status, safe ? error.message : undefined, safe ? errors : []);
  }
  const fe = error as Partial<FastifyError> & { validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    const where = fe.validationContext ?? 'body';
    const errors = fe.validation.map((v) => {
      const extra = v.params && typeof v.params.additionalProperty === 'string' ? `/${v.params.additionalProperty}` : '';
      const missing = v.params && typeof v.params.missingProperty === 'string' ? `/${v.params.missingProperty}` : '';
      return { path: `/${where}${v.instancePath ?? ''}${extra}${missing}`, message: v.message ?? 'is invalid' };
    });
    return body('FC_BAD_REQUEST', 400, `The request ${where} is invalid.`, errors);
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code =
      status === 413 ? 'FC_PAYLOAD_TOO_LARGE' : status === 415 ? 'FC_UNSUPPORTED_MEDIA_TYPE' : status === 429 ? 'FC_RATE_LIMITED' : status === 404 ? 'FC_NOT_FOUND' : status === 401 ? 'FC_UNAUTHENTICATED' : status === 403 ? 'FC_FORBIDDEN' : 'FC_BAD_REQUEST';
    const message = typeof fe.message === 'string' && fe.message.length < 300 ? fe.message : 'The request is malformed.';
    return body(code, status, message, [{ path: '', message }]);
  }
  return body('FC_INTERNAL', 500, undefined, []);
}

export function sendProblem(reply: FastifyReply, error: unknown, request?: FastifyRequest): FastifyReply {
  const problem = toProblem(error);
  if (problem.status >= 500 && request) request.log.error({ err: error }, 'request failed');
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** JSON Schema of the problem body, for every route's error responses in the OpenAPI document. */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;
