/**
 * A small dictionary (zh-CN and en) and the language choice, remembered in localStorage. Names in
 * definitions are `{en, zh}` objects read with `loc`.
 */
import { createContext, useContext } from 'react';
import type { LocalizedText } from './types.js';

export type Lang = 'zh-CN' | 'en';

const en = {
  appName: 'Flowcase',
  signIn: 'Sign in',
  signOut: 'Sign out',
  username: 'Username',
  password: 'Password',
  badCredentials: 'Wrong username or password.',
  language: 'Language',
  home: 'Home',
  inbox: 'Inbox',
  notifications: 'Notifications',
  unreadCount: '{n} unread',
  noNotifications: 'No notifications.',
  markAllRead: 'Mark all read',
  newCase: 'New',
  myForms: 'Forms you can submit',
  noForms: 'There is no form you may submit.',
  openTasks: 'Open tasks',
  recentNotifications: 'Recent notifications',
  viewAll: 'View all',
  tabOpen: 'Open',
  tabDone: 'Done',
  tabCopied: 'Copied to me',
  copiedNote: 'Copies for information (抄送) are not offered by the server yet.',
  search: 'Search',
  allApps: 'All apps',
  allForms: 'All forms',
  allSteps: 'All steps',
  noTasks: 'Nothing here.',
  loadMore: 'Load more',
  loading: 'Loading…',
  due: 'Due',
  dueIn: 'due in {t}',
  overdueBy: 'overdue by {t}',
  breached: 'SLA breached',
  vip: 'VIP',
  keyAccount: 'Key',
  received: 'Received',
  completed: 'Completed',
  openCase: 'Open case',
  work: 'Work on it',
  comment: 'Comment',
  actions: 'Actions',
  submit: 'Submit',
  approve: 'Approve',
  reject: 'Reject',
  return: 'Return',
  transfer: 'Transfer',
  rejectReason: 'Reason for rejecting (required)',
  returnTo: 'Return to step',
  transferTo: "Colleague's username",
  confirm: 'Confirm',
  cancel: 'Cancel',
  taskDone: 'Done. The case moved on.',
  alreadyDone:
    'Someone else has already finished this task. Nothing was changed; the case is shown as it is now.',
  notYours: 'This task is not assigned to you.',
  fixErrors: 'Please correct the highlighted fields.',
  serverError: 'Something went wrong: {m}',
  notFound: 'Not found, or you may not see it.',
  required: 'Required',
  optional: 'optional',
  readOnly: 'read-only',
  chooseOne: '— choose —',
  yes: 'Yes',
  no: 'No',
  addRow: 'Add row',
  removeRow: 'Remove row {n}',
  row: 'Row {n}',
  upload: 'Add files',
  uploading: 'Uploading…',
  removeFile: 'Remove {name}',
  searchRecords: 'Type to search',
  noMatches: 'No matches.',
  useId: 'Use id “{id}”',
  clear: 'Clear',
  street: 'Street',
  province: 'Province',
  city: 'City',
  district: 'District',
  postcode: 'Postcode',
  userIdHint: 'A user id',
  searchPeople: 'Type a name or username',
  ratingOf: '{n} of 5',
  draftSaved: 'Draft saved on this device.',
  discardDraft: 'Discard draft',
  submitted: 'Submitted. Your case:',
  caseTitle: 'Case',
  status: 'Status',
  statusActive: 'In progress',
  statusDone: 'Finished',
  statusCancelled: 'Cancelled',
  statusFailed: 'Failed',
  currentStep: 'Current step',
  assignees: 'Assigned to',
  timeline: 'Timeline',
  attachments: 'Attachments',
  noAttachments: 'No attachments.',
  details: 'Details',
  you: 'you',
  system: 'system',
  role: 'role {r}',
  backfill: 'Backfill',
  backfillSave: 'Save backfill',
  backfillDone: 'Saved.',
  skipToContent: 'Skip to content',
  unread: 'unread',
  filters: 'Filters',
  refresh: 'Refresh',
  emptyValue: '—',
  of: 'of',
  fileTooMany: 'At most {n} files.',
  showAllSteps: 'Show routing steps too',
  hideRoutingSteps: 'Hide routing steps',
  reports: 'Reports',
  dashboards: 'Dashboards',
  processAnalytics: 'Process analytics',
  analyticsOf: 'Process analytics: {name}',
  noDashboards: 'This app has no dashboard.',
  noReports: 'There is no app whose reports you may see.',
  period: 'Period',
  from: 'From',
  to: 'To',
  last30Days: 'Last 30 days',
  thisMonth: 'This month',
  last12Months: 'Last 12 months',
  allTime: 'All time',
  dateField: 'Date',
  createdAt: 'Created',
  allValues: 'All',
  noData: 'No data for this period.',
  widgetRestricted: 'You may not see the fields this widget reads.',
  truncated: 'Only the first 1,000 groups are shown.',
  category: 'Category',
  up: 'up',
  down: 'down',
  unchanged: 'unchanged',
  vsPrevious: 'vs {v} in the previous period',
  total: 'Total',
  previousPage: 'Previous',
  nextPage: 'Next',
  pageN: 'Page {n}',
  recordCount: '{n} records',
  exportCsv: 'Export CSV',
  exportExcel: 'Export Excel',
  back: 'Back',
  started: 'Started',
  finished: 'Finished',
  finishedBy: '{done} done · {cancelled} cancelled · {failed} failed',
  stillActive: 'Still in progress',
  cycleTime: 'Cycle time (average)',
  stepsTitle: 'Steps',
  stepsHelp: 'Darker steps hold more open work or take longer (p90); the bottleneck is marked.',
  openNow: 'Open now',
  overdueN: '{n} overdue',
  completedTasks: 'Completed',
  avgTime: 'Average time',
  p90Time: 'p90 time',
  breachRate: 'SLA breach rate',
  bottleneck: 'Bottleneck',
  outcomesByWeek: 'Outcomes by week',
} as const;

export type MessageKey = keyof typeof en;

/** Timeline wording of each history event type (unknown types show as they are). */
const EVENT_LABELS: Record<string, { en: string; zh: string }> = {
  'instance.started': { en: 'started the case', zh: '发起了流程' },
  'record.created': { en: 'created a record', zh: '创建了数据' },
  'record.updated': { en: 'updated the record', zh: '更新了数据' },
  'record.backfilled': { en: 'backfilled', zh: '补录了' },
  'task.created': { en: 'step opened', zh: '进入节点' },
  'task.completed': { en: 'completed', zh: '完成了' },
  'task.approved': { en: 'approved', zh: '同意了' },
  'task.returned': { en: 'returned', zh: '退回了' },
  'task.transferred': { en: 'transferred', zh: '转交了' },
  'branch.taken': { en: 'took a branch', zh: '分支流转' },
  'parallel.split': { en: 'split into parallel steps', zh: '进入并行分支' },
  'join.completed': { en: 'parallel steps joined', zh: '并行分支汇合' },
  'notify.sent': { en: 'sent a notification', zh: '发送了通知' },
  'wait.elapsed': { en: 'waiting time elapsed', zh: '等待结束' },
  'event.received': { en: 'received an event', zh: '收到外部事件' },
  'event.timeout': { en: 'an event timed out', zh: '等待外部事件超时' },
  'sla.reminded': { en: 'SLA reminder', zh: '时效提醒' },
  'sla.breached': { en: 'SLA breached', zh: '已超时' },
  'webhook.called': { en: 'called a webhook', zh: '调用了外部接口' },
  'webhook.succeeded': { en: 'webhook succeeded', zh: '外部接口调用成功' },
  'webhook.failed': { en: 'webhook failed', zh: '外部接口调用失败' },
  'instance.ended': { en: 'the case ended', zh: '流程结束' },
  'instance.cancelled': { en: 'the case was cancelled', zh: '流程已取消' },
};

export function eventLabel(type: string, lang: Lang): string {
  const label = EVENT_LABELS[type];
  return label ? label[lang === 'en' ? 'en' : 'zh'] : type;
}

const zh: Record<MessageKey, string> = {
  appName: 'Flowcase',
  signIn: '登录',
  signOut: '退出登录',
  username: '用户名',
  password: '密码',
  badCredentials: '用户名或密码错误。',
  language: '语言',
  home: '首页',
  inbox: '待办',
  notifications: '通知',
  unreadCount: '{n} 条未读',
  noNotifications: '暂无通知。',
  markAllRead: '全部标为已读',
  newCase: '新建',
  myForms: '可提交的表单',
  noForms: '没有您可以提交的表单。',
  openTasks: '待办任务',
  recentNotifications: '最新通知',
  viewAll: '查看全部',
  tabOpen: '待办',
  tabDone: '已办',
  tabCopied: '抄送我的',
  copiedNote: '服务器暂未提供抄送列表。',
  search: '搜索',
  allApps: '全部应用',
  allForms: '全部表单',
  allSteps: '全部节点',
  noTasks: '暂无内容。',
  loadMore: '加载更多',
  loading: '加载中…',
  due: '截止',
  dueIn: '剩余 {t}',
  overdueBy: '已超时 {t}',
  breached: '已超时',
  vip: 'VIP',
  keyAccount: '重点',
  received: '收到',
  completed: '完成于',
  openCase: '查看服务单',
  work: '办理',
  comment: '意见',
  actions: '操作',
  submit: '提交',
  approve: '同意',
  reject: '驳回',
  return: '退回',
  transfer: '转交',
  rejectReason: '驳回原因（必填）',
  returnTo: '退回到',
  transferTo: '同事的用户名',
  confirm: '确认',
  cancel: '取消',
  taskDone: '已完成，流程已流转。',
  alreadyDone: '该任务已被他人处理，您的操作未生效；下方显示的是最新状态。',
  notYours: '该任务未分配给您。',
  fixErrors: '请修改标出的字段。',
  serverError: '出错了：{m}',
  notFound: '不存在，或您无权查看。',
  required: '必填',
  optional: '选填',
  readOnly: '只读',
  chooseOne: '— 请选择 —',
  yes: '是',
  no: '否',
  addRow: '添加一行',
  removeRow: '删除第 {n} 行',
  row: '第 {n} 行',
  upload: '添加文件',
  uploading: '上传中…',
  removeFile: '移除 {name}',
  searchRecords: '输入以搜索',
  noMatches: '没有匹配项。',
  useId: '使用编号“{id}”',
  clear: '清除',
  street: '街道地址',
  province: '省',
  city: '市',
  district: '区',
  postcode: '邮编',
  userIdHint: '用户 id',
  searchPeople: '输入姓名或用户名',
  ratingOf: '{n} 分（满分 5）',
  draftSaved: '草稿已保存在本设备。',
  discardDraft: '丢弃草稿',
  submitted: '已提交。您的服务单：',
  caseTitle: '服务单',
  status: '状态',
  statusActive: '处理中',
  statusDone: '已结束',
  statusCancelled: '已取消',
  statusFailed: '异常',
  currentStep: '当前节点',
  assignees: '处理人',
  timeline: '处理记录',
  attachments: '附件',
  noAttachments: '没有附件。',
  details: '详情',
  you: '您',
  system: '系统',
  role: '角色 {r}',
  backfill: '补录',
  backfillSave: '保存补录',
  backfillDone: '已保存。',
  skipToContent: '跳到正文',
  unread: '未读',
  filters: '筛选',
  refresh: '刷新',
  emptyValue: '—',
  of: '/',
  fileTooMany: '最多 {n} 个文件。',
  showAllSteps: '显示流转细节',
  hideRoutingSteps: '隐藏流转细节',
  reports: '报表',
  dashboards: '仪表盘',
  processAnalytics: '流程分析',
  analyticsOf: '流程分析：{name}',
  noDashboards: '该应用没有仪表盘。',
  noReports: '没有您可以查看报表的应用。',
  period: '时间范围',
  from: '开始',
  to: '结束',
  last30Days: '近 30 天',
  thisMonth: '本月',
  last12Months: '近 12 个月',
  allTime: '全部时间',
  dateField: '日期字段',
  createdAt: '创建时间',
  allValues: '全部',
  noData: '该时间范围内没有数据。',
  widgetRestricted: '您无权查看该组件使用的字段。',
  truncated: '仅显示前 1000 组。',
  category: '分类',
  up: '上升',
  down: '下降',
  unchanged: '持平',
  vsPrevious: '上期 {v}',
  total: '合计',
  previousPage: '上一页',
  nextPage: '下一页',
  pageN: '第 {n} 页',
  recordCount: '共 {n} 条',
  exportCsv: '导出 CSV',
  exportExcel: '导出 Excel',
  back: '返回',
  started: '发起',
  finished: '结束',
  finishedBy: '完成 {done} · 取消 {cancelled} · 异常 {failed}',
  stillActive: '仍在处理',
  cycleTime: '平均处理周期',
  stepsTitle: '节点',
  stepsHelp: '颜色越深，积压的待办越多或耗时越长（p90）；瓶颈节点已标出。',
  openNow: '当前待办',
  overdueN: '{n} 个已超时',
  completedTasks: '已完成',
  avgTime: '平均耗时',
  p90Time: 'p90 耗时',
  breachRate: '超时率',
  bottleneck: '瓶颈',
  outcomesByWeek: '每周结果',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zh };
const STORAGE_KEY = 'flowcase.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  return (key, vars) => {
    let text = dict[key] ?? en[key] ?? key;
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

export interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'en', t: translator('en'), setLang: () => undefined });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
