/** The words of the process analytics widgets' cards, zh and en (their figures' names come from the server). */
import type { Lang } from '../i18n.js';

const WORDS = {
  en: {
    minutes: 'In minutes',
    hours: 'In hours',
    days: 'In days',
    overall: 'Overall',
    breachedOf: '{b} of {n} tasks with a due time were late',
    noTimed: 'No completed task had a due time in this period.',
    perWeek: 'Finished per week, by outcome',
    perDay: 'Finished per day, by outcome',
    perMonth: 'Finished per month, by outcome',
    rank: '#',
    processOnlyStaff: 'Process figures are for the app’s staff.',
  },
  zh: {
    minutes: '单位：分钟',
    hours: '单位：小时',
    days: '单位：天',
    overall: '整体',
    breachedOf: '有时限的 {n} 个任务中 {b} 个超时',
    noTimed: '该时间范围内没有设了时限的已完成任务。',
    perWeek: '每周办结数（按结果）',
    perDay: '每天办结数（按结果）',
    perMonth: '每月办结数（按结果）',
    rank: '排名',
    processOnlyStaff: '流程统计仅对应用的工作人员开放。',
  },
} satisfies Record<'en' | 'zh', Record<string, string>>;

export type ProcessWord = keyof (typeof WORDS)['en'];

/** `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function processWord(
  lang: Lang,
  key: ProcessWord,
  vars: Record<string, string | number> = {},
): string {
  const text: string = WORDS[lang === 'en' ? 'en' : 'zh'][key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
