/** The words of the versions page's migration card (version-migrations.tsx), in both languages. */
export const MIGRATION_WORDS = {
  title: { zh: '进行中的案件与版本迁移', en: 'Open cases and migrations' },
  intro: {
    zh: '每个已发布版本上还有多少进行中的案件；可将旧版本的案件迁移到当前版本，或回滚到旧版本并带上案件。',
    en: 'How many cases are still open on each published version; move an older version’s cases onto the current one, or roll back to an older version and take the open cases with you.',
  },
  version: { zh: '版本', en: 'Version' },
  openCases: { zh: '进行中的案件', en: 'Open cases' },
  actions: { zh: '操作', en: 'Actions' },
  current: { zh: '当前版本', en: 'current' },
  planMove: { zh: '迁移到 v{to}…', en: 'Move to v{to}…' },
  planRollback: { zh: '回滚到此版本…', en: 'Roll back to this…' },
  planTitle: { zh: '迁移计划：v{from} → v{to}', en: 'Migration plan: v{from} → v{to}' },
  rollbackTitle: {
    zh: '回滚计划：重新发布 v{to}，并把 v{from} 的案件迁过去',
    en: 'Rollback plan: republish v{to} and move the cases of v{from} onto it',
  },
  moves: { zh: '可直接迁移', en: 'moves as is' },
  changes_meaning: { zh: '含义有变', en: 'changes meaning' },
  needs_mapping: { zh: '需要映射', en: 'needs a mapping' },
  noOpen: { zh: '没有进行中的案件。', en: 'No open cases.' },
  where: { zh: '所在步骤', en: 'Where they stand' },
  lands: { zh: '迁移后', en: 'Where they land' },
  cases: { zh: '案件', en: 'Cases' },
  verdict: { zh: '判断', en: 'Verdict' },
  mapLabel: { zh: '「{node}」已删除，改到：', en: '“{node}” is gone; move to:' },
  choose: { zh: '请选择步骤', en: 'Choose a step' },
  reason_flow_gone: { zh: '流程已删除', en: 'the flow is gone' },
  reason_mapped_to_missing: { zh: '映射的步骤「{to}」不存在', en: 'the mapped step “{to}” does not exist' },
  reason_type: { zh: '「{node}」的节点类型变了', en: '“{node}” is another kind of step' },
  reason_assignee: {
    zh: '「{node}」的处理人变了（任务将重新创建）',
    en: '“{node}” goes to other people (its tasks are re-created)',
  },
  reason_permissions: {
    zh: '「{node}」的字段权限或操作变了',
    en: '“{node}” shows or edits other fields, or offers other actions',
  },
  reason_required_fields: { zh: '「{node}」的必填字段变了', en: '“{node}” requires other fields' },
  reason_timer: {
    zh: '「{node}」的时限变了（将重新计算）',
    en: '“{node}” has another deadline or delay (re-computed)',
  },
  accept: {
    zh: '也迁移含义有变的 {n} 个案件',
    en: 'Also move the {n} cases whose step changes meaning',
  },
  stayUnmapped: {
    zh: '{n} 个案件的步骤未映射，将留在原版本。',
    en: 'Cases at unmapped steps stay where they are: {n}.',
  },
  apply: { zh: '迁移 {n} 个案件', en: 'Move {n} cases' },
  rollback: { zh: '回滚到 v{to}，迁移 {n} 个案件', en: 'Roll back to v{to} and move {n} cases' },
  cancel: { zh: '取消', en: 'Cancel' },
  result: {
    zh: '已迁移 {moved} 个案件，跳过 {skipped} 个，失败 {failed} 个。',
    en: 'Moved {moved} cases, skipped {skipped}, failed {failed}.',
  },
  pastRuns: { zh: '迁移记录', en: 'Past migrations' },
  runMigrate: { zh: '迁移 v{from} → v{to}', en: 'Migration v{from} → v{to}' },
  runRollback: { zh: '回滚 v{from} → v{to}', en: 'Rollback v{from} → v{to}' },
  runCounts: {
    zh: '迁移 {moved}/{total}，跳过 {skipped}，失败 {failed}',
    en: 'moved {moved} of {total}, skipped {skipped}, failed {failed}',
  },
  running: { zh: '进行中', en: 'running' },
  interrupted: { zh: '已中断（再次执行即可完成）', en: 'interrupted (run it again to finish)' },
  finishedBy: { zh: '已中断，由 {when} 的重跑完成', en: 'interrupted, finished by the rerun of {when}' },
} as const;

export type MigrationWord = keyof typeof MIGRATION_WORDS;
