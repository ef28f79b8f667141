/**
 * A draft problem in the page's language. The engine words its problems in English (`message`)
 * and gives Chinese (`zh`) only for a few; the rest are put into Chinese here by their `code`.
 * A problem keeps no parameters apart from its message, so each entry reads them back from the
 * English text it knows the shape of; a message of another shape (or a code without words) is
 * shown in the engine's English rather than guessed at.
 */

export interface WordedProblem {
  code: string;
  message: string;
  zh?: string;
}

type Words = readonly (readonly [RegExp, (m: RegExpExecArray) => string])[];

const Q = '"([^"]*)"';
const re = (source: string) => new RegExp(`^${source}$`);

/** What an English type or kind word in a message reads in Chinese. */
const TYPE_ZH: Record<string, string> = {
  'a text': '文本',
  'an object': '对象',
  'a list': '列表',
  'a whole number': '整数',
  'a number': '数字',
  'true or false': '是或否',
};

function typeZh(english: string): string {
  return english
    .split(' or ')
    .map((t) => TYPE_ZH[t] ?? t)
    .join('或');
}

const WORDS: Record<string, Words> = {
  'schema.too_few': [[re('Must have at least (\\d+) entr(?:y|ies)\\.'), (m) => `至少要有 ${m[1]} 项。`]],
  'schema.too_many': [[re('Must have at most (\\d+) entries\\.'), (m) => `最多只能有 ${m[1]} 项。`]],
  'schema.too_short': [
    [re('Must have at least (\\d+) character\\(s\\)\\.'), (m) => `至少要有 ${m[1]} 个字符。`],
  ],
  'schema.too_long': [[re('Must have at most (\\d+) characters\\.'), (m) => `最多只能有 ${m[1]} 个字符。`]],
  'schema.required': [
    [re(`${Q} is required here\\.`), (m) => `此处必须填写“${m[1]}”。`],
    [re('A node type is required here: one of (.*)\\.'), (m) => `此处须选择节点类型：${m[1]}。`],
    [re('A field type is required here: one of (.*)\\.'), (m) => `此处须选择字段类型：${m[1]}。`],
  ],
  'schema.type': [[re('Must be (.*)\\.'), (m) => `须为${typeZh(m[1]!)}。`]],
  'schema.enum': [[re('Must be one of: (.*)\\.'), (m) => `须为以下之一：${m[1]}。`]],
  'schema.const': [[re('Must be (.*)\\.'), (m) => `须为 ${m[1]}。`]],
  'schema.out_of_range': [
    [re('Must be at least (.*)\\.'), (m) => `不能小于 ${m[1]}。`],
    [re('Must be at most (.*)\\.'), (m) => `不能大于 ${m[1]}。`],
  ],
  'schema.pattern': [[re('Does not have the expected form \\((.*)\\)\\.'), (m) => `格式不符（${m[1]}）。`]],
  'schema.unknown_property': [[re(`Unknown property ${Q}\\.`), (m) => `未知属性“${m[1]}”。`]],
  'schema.duplicate_item': [
    [re('Entries (\\d+) and (\\d+) are the same\\.'), (m) => `第 ${m[1]} 项与第 ${m[2]} 项相同。`],
  ],
  'key.invalid': [
    [
      re('"" is not a valid key: .*'),
      () => '此处须填写标识：以小写字母开头，后跟最多 62 个小写字母、数字或下划线。',
    ],
    [
      re(`${Q} is not a valid key: .*`),
      (m) => `“${m[1]}”不是有效的标识：须以小写字母开头，后跟最多 62 个小写字母、数字或下划线。`,
    ],
  ],
  'key.duplicate': [[re(`The (.*) ${Q} is already used at (.*)\\.`), (m) => `“${m[2]}”已在 ${m[3]} 使用。`]],
  'ref.unknown_node': [
    [
      re(`Node ${Q} leads to ${Q}, which is not a node of this flow\\.`),
      (m) => `“${m[1]}”通向不存在的步骤“${m[2]}”。`,
    ],
    [
      re(`The flow starts at ${Q}, which is not a node of this flow\\.`),
      (m) => `流程的开始步骤“${m[1]}”不存在。`,
    ],
    [re(`Flow ${Q} has no node ${Q}\\.`), (m) => `流程“${m[1]}”没有步骤“${m[2]}”。`],
  ],
  'ref.not_task_node': [
    [
      re(`Node ${Q} may only return to task nodes; ${Q} is a (\\S+) node\\.`),
      (m) => `“${m[1]}”只能退回到人工任务；“${m[2]}”不是人工任务。`,
    ],
    [
      re(`Only task nodes are acted on; ${Q} is a (\\S+) node\\.`),
      (m) => `只有人工任务可以办理；“${m[1]}”不是人工任务。`,
    ],
  ],
  'ref.unknown_field': [[re(`Form ${Q} has no field ${Q}\\.`), (m) => `表单“${m[1]}”没有字段“${m[2]}”。`]],
  'ref.unknown_role': [
    [re(`Role ${Q} is not declared in the app's roles\\.`), (m) => `应用的角色中没有“${m[1]}”。`],
  ],
  'ref.unknown_form': [
    [
      re(`Node ${Q} writes to form ${Q}, which this app does not define\\.`),
      (m) => `“${m[1]}”写入的表单“${m[2]}”不存在。`,
    ],
    [re(`The app has no form ${Q}\\.`), (m) => `应用没有表单“${m[1]}”。`],
  ],
  'ref.missing_target': [
    [
      re(`Node ${Q} updates form ${Q} without a target; .*`),
      (m) => `“${m[1]}”更新表单“${m[2]}”但未指定要更新的记录；只有本流程的表单可以不指定。`,
    ],
  ],
  'ref.not_text_field': [
    [
      re(`Field ${Q} is a (\\S+) field; a reason is written into a text or textarea field\\.`),
      (m) => `理由只能写入文本字段；“${m[1]}”不是文本字段。`,
    ],
  ],
  'view.customer_hidden_field': [
    [
      re(`The view's filter reads field ${Q}, which customers with role ${Q} may not read: .*`),
      (m) =>
        `视图的筛选条件用到了字段“${m[1]}”，而角色“${m[2]}”的客户看不到它：他们每次打开这个视图都会被拒绝。`,
    ],
    [
      re(`The view sorts by field ${Q}, which customers with role ${Q} may not read: .*`),
      (m) => `视图按字段“${m[1]}”排序，而角色“${m[2]}”的客户看不到它：他们每次打开这个视图都会被拒绝。`,
    ],
  ],
  'flow.unreachable': [
    [
      re(`Node ${Q} can never be reached from the start node ${Q}\\.`),
      (m) => `从开始步骤“${m[2]}”永远到不了“${m[1]}”。`,
    ],
  ],
  'flow.no_end': [
    [
      re(`Node ${Q} can never reach an end node: .*`),
      (m) => `“${m[1]}”永远到不了结束：它或它所在的循环没有出口。`,
    ],
  ],
  'flow.branch_never_joins': [
    [
      re(`Branch ${Q} of parallel ${Q} never reaches a join\\.`),
      (m) => `并行“${m[2]}”的分支“${m[1]}”没有汇合。`,
    ],
    [
      re(`Branch ${Q} of parallel ${Q} ends the instance on every path .*`),
      (m) => `并行“${m[2]}”的分支“${m[1]}”每条路径都会结束流程、到不了汇合，其他分支将无法继续。`,
    ],
  ],
  'flow.parallel_unjoined': [
    [
      re(`The branches of parallel ${Q} lead to different joins \\((.*)\\); .*`),
      (m) => `并行“${m[1]}”的各分支通向不同的汇合（${m[2]}），须在同一个汇合处汇合。`,
    ],
  ],
  'flow.join_unmatched': [
    [re(`Join ${Q} does not close any parallel split\\.`), (m) => `汇合“${m[1]}”没有对应的并行。`],
  ],
  'duration.invalid': [
    [re(`${Q} is not an ISO-8601 duration .*`), (m) => `“${m[1]}”不是有效的时长（如 1 天、4 小时）。`],
    [re(`The duration ${Q} is zero; it must be longer\\.`), () => '时长不能为零。'],
  ],
  'duration.remind_after_due': [
    [/^The reminder is given this long before the due time/, () => '提前提醒的时间须短于期限。'],
  ],
  'wait.duration_or_until': [
    [
      re(`Wait node ${Q} needs exactly one of "duration" or "until"\\.`),
      (m) => `等待“${m[1]}”须设置时长或截止时间之一，且只能设一个。`,
    ],
  ],
  'event.timeout_missing': [
    [
      re(`Event node ${Q} has "onTimeout" but no "timeout" duration\\.`),
      (m) => `事件“${m[1]}”设置了超时去向但没有超时时长。`,
    ],
  ],
  'event.fallback_after_timeout': [
    [
      re(`The fallback task of ${Q} would open only after the wait has timed out; .*`),
      (m) => `“${m[1]}”的人工处理任务要在等待超时之后才开启，请把开启时间设得比超时短。`,
    ],
  ],
};

/** The problem's text in `lang`: the engine's own Chinese, else words by its code, else its English. */
export function problemText(problem: WordedProblem, lang: 'en' | 'zh' | 'zh-CN'): string {
  if (lang === 'en') return problem.message;
  if (problem.zh) return problem.zh;
  for (const [pattern, words] of WORDS[problem.code] ?? []) {
    const m = pattern.exec(problem.message);
    if (m) return words(m);
  }
  return problem.message;
}

/** The codes that have Chinese words here (for tests and for whoever adds a code). */
export const WORDED_CODES: readonly string[] = Object.keys(WORDS);
