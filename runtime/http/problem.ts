/**
 * Turns every error into `application/problem+json` (RFC 9457) with the catalogue's status.
 * 5xx responses never carry internals: the detail is logged, the client gets a generic title.
 * Title, detail and problems are worded in the reader's language (the language on screen, else the
 * account's): a Chinese reader gets the thrower's Chinese words or the catalogue's Chinese title.
 */
import { Problem as ProblemSchema } from '../../contract/index.js';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE, errorMessage, FlowcaseError, type Problem } from '../../engine/index.js';

type Language = 'en' | 'zh';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors: { path: string; code?: string; message: string }[];
  /** A stale draft save (409): the draft's current revision (`DraftRevisionConflict`). */
  revision?: number;
}

function body(
  code: string,
  status: number,
  detail: string | undefined,
  errors: ProblemBody['errors'],
  language: Language = 'en',
): ProblemBody {
  const entry = (ERROR_CATALOGUE as Record<string, { title: string; zh: string }>)[code];
  return {
    type: `https://flowcase.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: (language === 'zh' ? entry?.zh : entry?.title) ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    code,
    errors,
  };
}

function fromProblems(problems: readonly Problem[], language: Language): ProblemBody['errors'] {
  return problems.map((p) => ({
    path: p.path,
    code: p.code,
    message: language === 'zh' ? (p.zh ?? p.message) : p.message,
  }));
}

const title = (code: keyof typeof ERROR_CATALOGUE, language: Language): string =>
  language === 'zh' ? ERROR_CATALOGUE[code].zh : ERROR_CATALOGUE[code].title;

/** The problem body and status for any thrown value, worded in `language`. */
export function toProblem(error: unknown, language: Language = 'en'): ProblemBody {
  if (error instanceof FlowcaseError) {
    const detail = errorMessage(error, language);
    const errors =
      error.problems.length > 0
        ? fromProblems(error.problems, language)
        : [{ path: error.path, message: detail }];
    const safe = error.status < 500;
    const answer = body(error.code, error.status, safe ? detail : undefined, safe ? errors : [], language);
    // Read by shape: the HTTP layer does not import the store's error classes.
    const revision = (error as { revision?: unknown }).revision;
    return typeof revision === 'number' ? { ...answer, revision } : answer;
  }
  const fe = error as Partial<FastifyError> & {
    validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
    validationContext?: string;
  };
  if (fe && Array.isArray(fe.validation)) {
    const where = fe.validationContext ?? 'body';
    const errors = fe.validation.map((v) => {
      const extra =
        v.params && typeof v.params.additionalProperty === 'string' ? `/${v.params.additionalProperty}` : '';
      const missing =
        v.params && typeof v.params.missingProperty === 'string' ? `/${v.params.missingProperty}` : '';
      return {
        path: `/${where}${v.instancePath ?? ''}${extra}${missing}`,
        message: v.message ?? 'is invalid',
      };
    });
    return body(
      'FC_BAD_REQUEST',
      400,
      language === 'zh' ? title('FC_BAD_REQUEST', 'zh') : `The request ${where} is invalid.`,
      errors,
      language,
    );
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code =
      status === 413
        ? 'FC_PAYLOAD_TOO_LARGE'
        : status === 415
          ? 'FC_UNSUPPORTED_MEDIA_TYPE'
          : status === 429
            ? 'FC_RATE_LIMITED'
            : status === 404
              ? 'FC_NOT_FOUND'
              : status === 401
                ? 'FC_UNAUTHENTICATED'
                : status === 403
                  ? 'FC_FORBIDDEN'
                  : 'FC_BAD_REQUEST';
    const own =
      typeof fe.message === 'string' && fe.message.length < 300 ? fe.message : 'The request is malformed.';
    const message = language === 'zh' ? title(code, 'zh') : own;
    return body(code, status, message, [{ path: '', message }], language);
  }
  return body('FC_INTERNAL', 500, undefined, [], language);
}

/** The reader's language: the signed-in actor's (the screen's, else the account's), else the screen's header. */
function languageOf(request: FastifyRequest | undefined): Language {
  const actor = (request as { actor?: { language?: string } | null } | undefined)?.actor;
  if (actor?.language) return actor.language === 'en' ? 'en' : 'zh';
  const header = request?.headers['x-flowcase-language'];
  return header === 'zh-CN' || header === 'zh' ? 'zh' : 'en';
}

export function sendProblem(reply: FastifyReply, error: unknown, request?: FastifyRequest): FastifyReply {
  const problem = toProblem(error, languageOf(request));
  if (problem.status >= 500 && request) request.log.error({ err: error }, 'request failed');
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** JSON Schema of the problem body, for every route's error responses in the OpenAPI document. */
/** Every error answer's schema, registered once as `Problem` (the contract's, contract/common.ts). */
export const problemSchema = ProblemSchema;
