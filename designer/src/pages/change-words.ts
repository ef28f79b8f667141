/**
 * The words for a change of the engine's bundle diff (`diffBundles`), shared by the draft's summary
 * and the comparison of two versions: what kind of thing changed, and how.
 */
import type { Lang } from '../../../ui/i18n.js';

type Words = Record<string, { zh: string; en: string }>;

export const CHANGE_WORDS: Words = {
  added: { zh: '新增', en: 'added' },
  removed: { zh: '删除', en: 'removed' },
  changed: { zh: '修改', en: 'changed' },
};

export const KIND_WORDS: Words = {
  app: { zh: '应用', en: 'App' },
  role: { zh: '角色', en: 'Role' },
  form: { zh: '表单', en: 'Form' },
  field: { zh: '字段', en: 'Field' },
  flow: { zh: '流程', en: 'Flow' },
  node: { zh: '节点', en: 'Step' },
  transition: { zh: '连线', en: 'Transition' },
  dashboard: { zh: '仪表盘', en: 'Dashboard' },
  widget: { zh: '图表', en: 'Widget' },
  layout: { zh: '布局', en: 'Layout' },
};

/** A step's field lists, its actions and people, named as the permission matrix names them. */
export const PERMISSION_WORDS: Words = {
  visible: { zh: '可见字段', en: 'visible fields' },
  editable: { zh: '可编辑字段', en: 'editable fields' },
  required: { zh: '必填字段', en: 'required fields' },
  backfill: { zh: '补录字段', en: 'backfill fields' },
  actions: { zh: '操作', en: 'actions' },
  assignee: { zh: '处理人已变更', en: 'assignees changed' },
  cc: { zh: '抄送人已变更', en: 'copied people changed' },
  type: { zh: '字段类型', en: 'field type' },
};

export function word(words: Words, key: string, lang: Lang): string {
  return words[key]?.[lang === 'en' ? 'en' : 'zh'] ?? key;
}
