/** The dashboard designer's words in Chinese and English, on top of the messages ui/ shares. */
import { useContext } from 'react';
import { I18nContext, translator, withSharedMessages } from '../../../ui/i18n.js';

const zh = {
  dashboardDesigner: '仪表板设计',
  backToApp: '返回应用',
  palette: '组件',
  paletteHelp: '点击添加到看板，再拖动、调整大小',
  undo: '撤销',
  redo: '重做',
  dashboardName: '看板名称',
  nameZh: '中文',
  nameEn: 'English',
  properties: '属性',
  noSelection: '选择一个组件以编辑其属性。',
  noForms: '草稿里还没有表单。',
  removeWidget: '删除组件',
  add: '添加',
  remove: '移除',
  none: '（无）',
  previewLoading: '正在计算预览…',
  previewCapped: '预览只统计了前 {n} 条记录',
  previewTimedOut: '预览超时，请缩小筛选范围',
  previewProblems: '组件配置有误：',
  problems: '问题',
  noProblems: '没有问题。',
  saveStatus_loading: '加载中…',
  saveStatus_saved: '已保存到草稿',
  saveStatus_pending: '待保存…',
  saveStatus_saving: '保存中…',
  saveStatus_conflict: '草稿已被他人修改',
  saveStatus_offline: '离线，稍后重试',
  saveStatus_error: '保存失败',
  reload: '载入服务器版本',
  overwrite: '覆盖保存',
  dashboards: '仪表板',
  newDashboard: '新建仪表板',
  openDashboard: '打开',
  widgetCount: '{n} 个组件',
  visibleTo: '可见角色',
  visibleToEveryone: '未勾选：应用的所有用户都能看到。',
  visibleToChosen: '只有勾选角色的成员（及管理员、应用设计者）能看到。',
};

const en: typeof zh = {
  dashboardDesigner: 'Dashboard designer',
  backToApp: 'Back to the app',
  palette: 'Widgets',
  paletteHelp: 'Click to add to the dashboard, then drag and resize',
  undo: 'Undo',
  redo: 'Redo',
  dashboardName: 'Dashboard name',
  nameZh: '中文',
  nameEn: 'English',
  properties: 'Properties',
  noSelection: 'Select a widget to edit its properties.',
  noForms: 'The draft has no forms yet.',
  removeWidget: 'Remove widget',
  add: 'Add',
  remove: 'Remove',
  none: '(none)',
  previewLoading: 'Computing the preview…',
  previewCapped: 'The preview counted only the first {n} records',
  previewTimedOut: 'The preview took too long; narrow its filter',
  previewProblems: 'The widget is not right yet:',
  problems: 'Problems',
  noProblems: 'No problems.',
  saveStatus_loading: 'Loading…',
  saveStatus_saved: 'Saved in the draft',
  saveStatus_pending: 'Waiting to save…',
  saveStatus_saving: 'Saving…',
  saveStatus_conflict: 'Someone else changed the draft',
  saveStatus_offline: 'Offline; retrying',
  saveStatus_error: 'Could not save',
  reload: "Load the server's draft",
  overwrite: 'Overwrite',
  dashboards: 'Dashboards',
  newDashboard: 'New dashboard',
  openDashboard: 'Open',
  widgetCount: '{n} widgets',
  visibleTo: 'Who may see it',
  visibleToEveryone: 'None ticked: everyone who uses the app.',
  visibleToChosen: "Only holders of a ticked role (and admins, the app's designers).",
};

const MESSAGES = withSharedMessages({ 'zh-CN': zh, en });
export type DashboardWordKey = keyof typeof zh;

/** The page's translator and language (the designer shell provides the language). */
export function useDashboardWords() {
  const { lang } = useContext(I18nContext);
  return { lang, t: translator(MESSAGES, lang) };
}
