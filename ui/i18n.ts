/**
 * Languages for every browser app: zh-CN and en, the choice remembered in localStorage, names in
 * definitions (`{en, zh}` objects) read with `loc`, and the messages the shared parts (fields,
 * widgets, layout) speak. An app adds its own messages to these (`withSharedMessages`) and gives
 * the result to `I18nContext`; shared parts read it through `useI18n`.
 */
import { createContext, useContext } from 'react';
import type { LocalizedText } from '../engine/definition/types.js';

export type Lang = 'zh-CN' | 'en';

const en = {
  addRow: 'Add row',
  category: 'Category',
  chooseOne: '— choose —',
  clear: 'Clear',
  colon: ': ',
  down: 'down',
  emptyValue: '—',
  fileTooMany: 'At most {n} files.',
  listSeparator: ', ',
  loading: 'Loading…',
  recordUnavailable: 'a record you cannot open',
  nextPage: 'Next',
  no: 'No',
  noData: 'No data for this period.',
  noMatches: 'No matches.',
  openCase: 'Open case',
  pageN: 'Page {n}',
  previousPage: 'Previous',
  ratingOf: '{n} of 5',
  removeFile: 'Remove {name}',
  removeRow: 'Remove row {n}',
  required: 'Required',
  row: 'Row {n}',
  searchPeople: 'Type a name or username',
  searchRecords: 'Type to search',
  serverError: 'Something went wrong: {m}',
  total: 'Total',
  topN: 'Top {n}; the totals count every record.',
  truncated: 'Only the first 1,000 groups are shown.',
  unchanged: 'unchanged',
  up: 'up',
  upload: 'Add files',
  uploading: 'Uploading…',
  useId: 'Use id “{id}”',
  userIdHint: 'A user id',
  vsPrevious: 'vs {v} in the previous period',
  widgetRestricted: 'You may not see the fields this widget reads.',
  yes: 'Yes',
  province: 'Province',
  city: 'City',
  district: 'District',
  street: 'Street',
  postcode: 'Postcode',
  language: 'Language',
  skipToContent: 'Skip to content',
  notFound: 'Not found, or you may not see it.',
  openNow: 'Open now',
  overdueN: '{n} overdue',
  completedTasks: 'Completed',
  avgTime: 'Average time',
  p90Time: 'p90 time',
  breachRate: 'SLA breach rate',
  bottleneck: 'Bottleneck',
} as const;

/** The messages the parts in ui/ use; every app's dictionary includes them. */
export type SharedMessageKey = keyof typeof en;

const zh: Record<SharedMessageKey, string> = {
  addRow: '添加一行',
  category: '分类',
  chooseOne: '— 请选择 —',
  clear: '清除',
  colon: '：',
  down: '下降',
  emptyValue: '—',
  fileTooMany: '最多 {n} 个文件。',
  listSeparator: '、',
  loading: '加载中…',
  recordUnavailable: '无权查看的记录',
  nextPage: '下一页',
  no: '否',
  noData: '该时间范围内没有数据。',
  noMatches: '没有匹配项。',
  openCase: '查看记录',
  pageN: '第 {n} 页',
  previousPage: '上一页',
  ratingOf: '{n} 分（满分 5）',
  removeFile: '移除 {name}',
  removeRow: '删除第 {n} 行',
  required: '必填',
  row: '第 {n} 行',
  searchPeople: '输入姓名或用户名',
  searchRecords: '输入以搜索',
  serverError: '出错了：{m}',
  total: '合计',
  topN: '前 {n} 项（合计含全部记录）',
  truncated: '仅显示前 1000 组。',
  unchanged: '持平',
  up: '上升',
  upload: '添加文件',
  uploading: '上传中…',
  useId: '使用编号“{id}”',
  userIdHint: '用户 id',
  vsPrevious: '上期 {v}',
  widgetRestricted: '您无权查看该组件使用的字段。',
  yes: '是',
  province: '省',
  city: '市',
  district: '区',
  street: '街道地址',
  postcode: '邮编',
  language: '语言',
  skipToContent: '跳到正文',
  notFound: '不存在，或您无权查看。',
  openNow: '当前待办',
  overdueN: '{n} 个已超时',
  completedTasks: '已完成',
  avgTime: '平均耗时',
  p90Time: 'p90 耗时',
  breachRate: '超时率',
  bottleneck: '瓶颈',
};

/** An app's dictionary in both languages. */
export type Messages<K extends string> = Record<Lang, Record<K, string>>;

/** The shared messages followed by an app's own (an app's own wording wins). */
export function withSharedMessages<K extends string>(own: Messages<K>): Messages<K | SharedMessageKey> {
  return { en: { ...en, ...own.en }, 'zh-CN': { ...zh, ...own['zh-CN'] } };
}

export type Translate<K extends string = SharedMessageKey> = (
  key: K,
  vars?: Record<string, string | number>,
) => string;

/** Words `key` in `lang` (English when the language lacks it, the key when both do), `{var}`s filled. */
export function translator<K extends string>(messages: Messages<K>, lang: Lang): Translate<K> {
  const dict: Record<string, string> = messages[lang];
  const fallback: Record<string, string> = messages.en;
  return (key, vars) => {
    let text = dict[key] ?? fallback[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.split(`{${k}}`).join(String(v));
    return text;
  };
}

/** A definition's name in the language (`zh` for zh-CN), falling back to the other one. */
export function loc(text: LocalizedText | undefined, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' ? (text.en ?? text.zh) : (text.zh ?? text.en)) ?? '';
}

/** The engine's message language for the UI language. */
export function engineLang(lang: Lang): 'en' | 'zh' {
  return lang === 'en' ? 'en' : 'zh';
}

const STORAGE_KEY = 'flowcase.lang';

export function storedLang(): Lang | undefined {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : undefined;
  } catch {
    return undefined;
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function initialLang(): Lang {
  return storedLang() ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
}

/**
 * The language on screen and its words. `t` is a method so that an app's `I18n<its keys>` and
 * the shared parts' `I18n<SharedMessageKey>` are views of the one context value.
 */
export interface I18n<K extends string = SharedMessageKey> {
  lang: Lang;
  t(this: void, key: K, vars?: Record<string, string | number>): string;
  setLang: (lang: Lang) => void;
}

const SHARED: Messages<SharedMessageKey> = { en, 'zh-CN': zh };

export const I18nContext = createContext<I18n<string>>({
  lang: 'en',
  t: translator<string>(SHARED, 'en'),
  setLang: () => undefined,
});

/** The language and the shared messages (an app's own keys through its own `useI18n`). */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
