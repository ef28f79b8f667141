/**
 * Validation messages in English and Chinese, and the mapping from ajv's errors to our problems.
 * ajv's own wording never reaches people: each ajv keyword (and our `x-fc-type` annotation) picks
 * one of the codes below.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';
import type { Language } from './types.js';

type Params = Readonly<Record<string, string | number>>;
type Message = (p: Params) => string;

const MESSAGES = {
  'field.required': { en: () => 'Required', zh: () => '必填' },
  'field.unknown': { en: () => 'Unknown field', zh: () => '未知字段' },
  'field.not_editable': { en: () => 'Cannot be changed at this step', zh: () => '当前步骤不能修改此字段' },
  'field.readonly': { en: () => 'Read-only', zh: () => '只读字段，不能修改' },
  'field.not_at_creation': {
    en: () => 'Cannot be filled in when creating this record',
    zh: () => '提交时不能填写此字段',
  },
  'field.computed': {
    en: () => 'Computed by the system; leave it out',
    zh: () => '此字段由系统计算，请勿填写',
  },
  'field.not_text': { en: () => 'Must be text', zh: () => '必须是文本' },
  'field.not_number': { en: () => 'Must be a number', zh: () => '必须是数字' },
  'field.not_integer': { en: () => 'Must be a whole number', zh: () => '必须是整数' },
  'field.not_boolean': { en: () => 'Must be yes or no', zh: () => '必须是“是”或“否”' },
  'field.not_list': { en: () => 'Must be a list', zh: () => '必须是列表' },
  'field.not_object': { en: () => 'Must be an object', zh: () => '必须是对象' },
  'field.minimum': { en: (p) => `Must be at least ${p.limit}`, zh: (p) => `不能小于 ${p.limit}` },
  'field.maximum': { en: (p) => `Must be at most ${p.limit}`, zh: (p) => `不能大于 ${p.limit}` },
  'field.min_length': {
    en: (p) => `Must be at least ${p.limit} characters`,
    zh: (p) => `至少 ${p.limit} 个字符`,
  },
  'field.max_length': {
    en: (p) => `Must be at most ${p.limit} characters`,
    zh: (p) => `最多 ${p.limit} 个字符`,
  },
  'field.min_items': { en: (p) => `Must have at least ${p.limit} items`, zh: (p) => `至少 ${p.limit} 项` },
  'field.max_items': { en: (p) => `Must have at most ${p.limit} items`, zh: (p) => `最多 ${p.limit} 项` },
  'field.max_files': { en: (p) => `At most ${p.limit} files`, zh: (p) => `最多 ${p.limit} 个文件` },
  'field.pattern': { en: () => 'Has the wrong format', zh: () => '格式不正确' },
  'field.date': { en: () => 'Must be a date (YYYY-MM-DD)', zh: () => '必须是日期（YYYY-MM-DD）' },
  'field.datetime': {
    en: () => 'Must be a date and time with a time zone',
    zh: () => '必须是带时区的日期时间',
  },
  'field.decimals': { en: () => 'Must have at most 2 decimals', zh: () => '最多两位小数' },
  'field.phone': { en: () => 'Must be a phone number', zh: () => '必须是电话号码' },
  'field.email': { en: () => 'Must be an email address', zh: () => '必须是邮箱地址' },
  'field.option': { en: () => 'Must be one of the options', zh: () => '必须是可选项之一' },
  'field.duplicate': { en: () => 'Must not repeat a value', zh: () => '不能有重复值' },
  'field.relation_not_found': { en: () => 'The linked record does not exist', zh: () => '关联的记录不存在' },
  // Said by the runtime when a customer links a record that is not theirs (or does not exist).
  'field.relation_not_allowed': {
    en: () => 'You may not choose this record: choose your own or one the list offers',
    zh: () => '不能选择此记录：请选择您自己的记录或列表中提供的记录',
  },
  'field.invalid': { en: () => 'Is invalid', zh: () => '无效' },
  // A field's validation rule failed and has no message in this language.
  'field.validation': { en: () => 'Does not meet its rule', zh: () => '不符合校验规则' },
  'form.not_object': { en: () => 'The data must be an object of fields', zh: () => '数据必须是字段对象' },
  'form.too_deep': { en: () => 'Is nested too deeply', zh: () => '嵌套层级过深' },
  'form.internal': { en: () => 'The data could not be checked', zh: () => '数据无法校验' },
} satisfies Record<string, Record<Language, Message>>;

export type MessageCode = keyof typeof MESSAGES;

/** The message of a code in a language. */
export function message(code: MessageCode, language: Language, params: Params = {}): string {
  return MESSAGES[code][language](params);
}

/** A problem at `path` with its message in `language`. */
export function problem(path: string, code: MessageCode, language: Language, params: Params = {}): Problem {
  return { path, code, message: message(code, language, params) };
}

const TYPE_CODES: Readonly<Record<string, MessageCode>> = {
  text: 'field.not_text',
  textarea: 'field.not_text',
  select: 'field.option',
  phone: 'field.phone',
  email: 'field.email',
  date: 'field.date',
  datetime: 'field.datetime',
  number: 'field.not_number',
  money: 'field.not_number',
  integer: 'field.not_integer',
  rating: 'field.not_integer',
  boolean: 'field.not_boolean',
  address: 'field.not_object',
  row: 'field.not_object',
  multiselect: 'field.not_list',
  files: 'field.not_list',
  table: 'field.not_list',
};

const JSON_TYPE_CODES: Readonly<Record<string, MessageCode>> = {
  string: 'field.not_text',
  number: 'field.not_number',
  integer: 'field.not_integer',
  boolean: 'field.not_boolean',
  array: 'field.not_list',
  object: 'field.not_object',
};

function fieldTypeOf(error: ErrorObject): string | undefined {
  const parent = error.parentSchema;
  const type: unknown = parent?.['x-fc-type'];
  return typeof type === 'string' ? type : undefined;
}

function codeOf(error: ErrorObject): { code: MessageCode; params?: Params } {
  const fcType = fieldTypeOf(error);
  const limit = (error.params as { limit?: number }).limit ?? 0;
  switch (error.keyword) {
    case 'type':
      return {
        code:
          (fcType !== undefined ? TYPE_CODES[fcType] : undefined) ??
          JSON_TYPE_CODES[String((error.params as { type?: unknown }).type)] ??
          'field.invalid',
      };
    case 'required':
      return { code: 'field.required' };
    case 'additionalProperties':
      return { code: 'field.unknown' };
    case 'minimum':
    case 'exclusiveMinimum':
      return { code: 'field.minimum', params: { limit } };
    case 'maximum':
    case 'exclusiveMaximum':
      return { code: 'field.maximum', params: { limit } };
    case 'minLength':
      return { code: 'field.min_length', params: { limit } };
    case 'maxLength':
      return { code: fcType === 'email' ? 'field.email' : 'field.max_length', params: { limit } };
    case 'minItems':
      return { code: 'field.min_items', params: { limit } };
    case 'maxItems':
      return { code: fcType === 'files' ? 'field.max_files' : 'field.max_items', params: { limit } };
    case 'pattern':
      return {
        code: fcType === 'phone' ? 'field.phone' : fcType === 'email' ? 'field.email' : 'field.pattern',
      };
    case 'x-fc-format':
      return { code: fcType === 'datetime' ? 'field.datetime' : 'field.date' };
    case 'x-fc-decimals':
    case 'multipleOf':
      return { code: 'field.decimals' };
    case 'enum':
    case 'const':
    case 'not':
      return { code: 'field.option' };
    case 'uniqueItems':
      return { code: 'field.duplicate' };
    default:
      return { code: 'field.invalid' };
  }
}

/**
 * Turns ajv's errors for one field's value into problems located under `base` (the field's
 * pointer). Several ajv errors at one place collapse into the first, most specific one.
 */
export function ajvErrorsToProblems(
  errors: readonly ErrorObject[] | null | undefined,
  base: string,
  language: Language,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    let path = base + error.instancePath;
    if (error.keyword === 'required')
      path += '/' + pointerSegment(String((error.params as { missingProperty?: unknown }).missingProperty));
    if (error.keyword === 'additionalProperties')
      path +=
        '/' + pointerSegment(String((error.params as { additionalProperty?: unknown }).additionalProperty));
    if (seen.has(path)) continue;
    seen.add(path);
    const { code, params } = codeOf(error);
    problems.push(problem(path, code, language, params));
  }
  return problems;
}
