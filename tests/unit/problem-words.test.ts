/**
 * The designer shows the engine's problems in the page's language: on a Chinese page a common
 * problem of a flow drawn on the canvas reads in Chinese, with the names it is about; English
 * pages keep the engine's words, and a message of an unknown shape stays in English.
 */
import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../engine/definition/validate-bundle.js';
import { problemText } from '../../designer/src/editing/problem-words.js';

/** The purchase app with a flow of `nodes` starting at review. */
const bundle = (nodes: Record<string, unknown>) => ({
  format: 'flowcase/app@1',
  key: 'buy',
  name: { en: 'Purchases', zh: '采购' },
  version: 1,
  roles: [{ key: 'buy_mgr', name: { en: 'Manager', zh: '经理' } }],
  forms: [{ key: 'purchase', name: 'Purchase', fields: [{ key: 'title', type: 'text', label: 'Title' }] }],
  flows: [
    {
      key: 'approve',
      name: 'Approve',
      form: 'purchase',
      trigger: { on: 'record.created' },
      start: 'review',
      nodes,
    },
  ],
  dashboards: [],
});

const review = {
  type: 'task',
  name: 'Review',
  assignee: { submitter: true },
  actions: ['approve', 'reject'],
};
const done = { type: 'end', name: 'Done' };

describe('problem words', () => {
  // Mistakes in the shape and the references are found first, the graph's once those are fixed.
  const problems = [
    ...validateBundle(
      bundle({
        review: { ...review, assignee: { role: 'buy_boss' }, onApprove: 'split', onReject: 'gone' },
        split: { type: 'parallel', name: 'Split', branches: [] },
        done,
      }),
    ),
    ...validateBundle(
      bundle({
        review: { ...review, onApprove: 'done', onReject: 'done', sla: { due: 'P1D', remind: 'P2D' } },
        lost: {
          type: 'task',
          name: 'Lost',
          assignee: { submitter: true },
          actions: ['submit'],
          next: 'done',
        },
        join: { type: 'join', name: 'Join', next: 'done' },
        done,
      }),
    ),
  ];
  const at = (code: string) =>
    problems.find((p) => p.code === code) ?? { code, message: JSON.stringify(problems) };

  it('says the common problems of a drawn flow in Chinese on a Chinese page', () => {
    expect(problemText(at('schema.too_few'), 'zh-CN')).toBe('至少要有 2 项。');
    expect(problemText(at('ref.unknown_node'), 'zh-CN')).toBe('“review”通向不存在的步骤“gone”。');
    expect(problemText(at('ref.unknown_role'), 'zh-CN')).toBe('应用的角色中没有“buy_boss”。');
    expect(problemText(at('flow.unreachable'), 'zh-CN')).toMatch(
      /^从开始步骤“review”永远到不了“(join|lost)”。$/,
    );
    expect(problemText(at('flow.join_unmatched'), 'zh-CN')).toBe('汇合“join”没有对应的并行。');
    expect(problemText(at('duration.remind_after_due'), 'zh-CN')).toBe('提前提醒的时间须短于期限。');
    // A subflow put on the canvas before its flow is chosen.
    const unchosen = { code: 'key.invalid', message: '"" is not a valid key: use a lowercase letter…' };
    expect(problemText(unchosen, 'zh-CN')).toMatch(/^此处须填写标识/);
    // None of them is left in the engine's English.
    for (const p of problems)
      if (['schema.too_few', 'ref.unknown_node', 'ref.unknown_role', 'flow.unreachable'].includes(p.code))
        expect(problemText(p, 'zh')).not.toMatch(/[A-Za-z]{4,} [a-z]{3,}/);
  });

  it("keeps the engine's English on an English page and its own Chinese when it gives one", () => {
    const p = at('schema.too_few');
    expect(problemText(p, 'en')).toBe('Must have at least 2 entries.');
    expect(problemText({ ...p, zh: '分支不能为空。' }, 'zh-CN')).toBe('分支不能为空。');
  });

  it('falls back to English for a code without words or a message of another shape', () => {
    expect(problemText({ code: 'made.up', message: 'Something odd.' }, 'zh-CN')).toBe('Something odd.');
    expect(problemText({ code: 'schema.too_few', message: 'Fewer than wanted.' }, 'zh-CN')).toBe(
      'Fewer than wanted.',
    );
  });
});
