/**
 * The one catalogue of Flowcase error codes. Every layer (engine, store, HTTP) throws or returns
 * these codes; the HTTP layer maps `status` to the response and never invents its own codes for
 * engine failures.
 */
/** Words for people, in each language the apps speak. */
export interface LocalizedMessage {
  en: string;
  zh: string;
}

export const ERROR_CATALOGUE = {
  FC_DEFINITION_INVALID: { status: 400, title: 'The definition is invalid', zh: '定义无效' },
  FC_BAD_REQUEST: { status: 400, title: 'The request is malformed', zh: '请求格式不正确' },
  FC_UNAUTHENTICATED: { status: 401, title: 'Authentication is required', zh: '请先登录' },
  FC_BAD_CREDENTIALS: { status: 401, title: 'Wrong username or password', zh: '用户名或密码错误' },
  FC_FORBIDDEN: { status: 403, title: 'You may not do this', zh: '您无权执行此操作' },
  FC_TASK_NOT_ASSIGNEE: { status: 403, title: 'This task is not assigned to you', zh: '此任务未分配给您' },
  FC_FIELD_NOT_EDITABLE: {
    status: 422,
    title: 'A field may not be written at this step',
    zh: '当前步骤不能修改此字段',
  },
  FC_NOT_FOUND: { status: 404, title: 'Not found', zh: '未找到' },
  FC_CONFLICT: {
    status: 409,
    title: 'The resource was changed by someone else',
    zh: '数据已被他人修改，请刷新后重试',
  },
  FC_TASK_ALREADY_DONE: { status: 409, title: 'The task is no longer open', zh: '该任务已不在待办中' },
  FC_INSTANCE_NOT_ACTIVE: { status: 409, title: 'The instance is not active', zh: '流程已不在进行中' },
  FC_ACTION_NOT_ALLOWED: {
    status: 422,
    title: 'The action is not allowed at this step',
    zh: '当前步骤不允许此操作',
  },
  FC_EVENT_NOT_EXPECTED: {
    status: 409,
    title: 'The instance is not waiting for this event',
    zh: '流程当前不在等待此事件',
  },
  FC_RETURN_TARGET_INVALID: { status: 422, title: 'The step cannot return there', zh: '不能退回到该步骤' },
  FC_VALIDATION_FAILED: { status: 422, title: 'The data is invalid', zh: '数据有误' },
  FC_RULE_INVALID: { status: 400, title: 'The rule is invalid', zh: '规则无效' },
  FC_TEMPLATE_INVALID: { status: 400, title: 'The template is invalid', zh: '模板无效' },
  FC_SNAPSHOT_INVALID: { status: 500, title: 'The saved state cannot be read', zh: '无法读取已保存的状态' },
  FC_PRECONDITION_REQUIRED: {
    status: 428,
    title: 'The request must name the revision it changes',
    zh: '请求须注明所修改的版本',
  },
  FC_PAYLOAD_TOO_LARGE: { status: 413, title: 'The request is too large', zh: '请求内容过大' },
  FC_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'The content type is not supported',
    zh: '不支持该内容类型',
  },
  FC_RATE_LIMITED: {
    status: 429,
    title: 'Too many attempts; try again later',
    zh: '尝试次数过多，请稍后再试',
  },
  FC_INTERNAL: { status: 500, title: 'Internal error', zh: '服务器内部错误' },
} as const satisfies Record<string, { status: number; title: string; zh: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One problem in a definition or a payload, located by a JSON pointer (RFC 6901). */
export interface Problem {
  path: string;
  code: string;
  message: string;
  /** The message in Chinese, when `message` is English words the runtime built (not a form message). */
  zh?: string;
  /**
   * `warning`: worth fixing but harmless as it stands (the engine does something sensible), so it
   * blocks neither saving nor publishing (`bundleWarnings`). Absent: an error.
   */
  severity?: 'warning';
}

/**
 * A typed error: a catalogue code, a message for people, the JSON path it concerns and, when
 * several things are wrong at once, every problem. A message people meet in the apps is given in
 * both languages (`{ en, zh }`); `message` is the English one, `zh` the Chinese.
 *
 * @example
 * throw new FlowcaseError('FC_VALIDATION_FAILED', { en: 'Send at least one field.', zh: '请至少填写一个字段。' }, { path: '/data' });
 */
export class FlowcaseError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly path: string;
  readonly problems: readonly Problem[];
  /** The message in Chinese, when the thrower gave one. */
  readonly zh?: string;

  constructor(
    code: ErrorCode,
    message?: string | LocalizedMessage,
    options: { path?: string; problems?: readonly Problem[] } = {},
  ) {
    super(typeof message === 'object' ? message.en : (message ?? ERROR_CATALOGUE[code].title));
    this.name = 'FlowcaseError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.path = options.path ?? '';
    this.problems = options.problems ?? [];
    if (typeof message === 'object') this.zh = message.zh;
    else if (message === undefined) this.zh = ERROR_CATALOGUE[code].zh;
  }
}

/**
 * The error's message in `language`. A Chinese reader gets the thrower's Chinese words, or the
 * catalogue's Chinese title when there are none: never English in a Chinese page.
 */
export function errorMessage(error: FlowcaseError, language: 'en' | 'zh'): string {
  return language === 'zh' ? (error.zh ?? ERROR_CATALOGUE[error.code].zh) : error.message;
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
