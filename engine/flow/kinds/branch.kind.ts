/**
 * `branch`: the first case whose `when` holds wins, else `default`. Conditions are evaluated over
 * the record as it stands (with `$today`, `$now`, `$user` and relation lookups). No match and no
 * default, or a condition that cannot be evaluated, fails the instance with the reason.
 */
import type { BranchNode } from '../../definition/types.js';
import { evaluateRule, isTruthy } from '../../rules/index.js';
import { failInstance } from '../instance-lifecycle.js';
import { ruleScope } from '../rule-scope.js';
import { appendHistory, moveToken } from '../step-context.js';
import type { NodeKind } from './node-kind.js';
import { checkRuleAt } from '../../definition/check-helpers.js';
import { list, own } from '../../definition/bundle-reader.js';
import { prop } from '../../definition/property-list.js';
import { object, ref, target } from '../../definition/schema-parts.js';

export const branchKind: NodeKind<BranchNode> = {
  type: 'branch',
  description: {
    label: { en: 'Branch', zh: '条件分支' },
    summary: {
      en: 'Takes the first path whose condition holds, otherwise the default path.',
      zh: '走第一个条件成立的分支，否则走默认分支。',
    },
    category: 'logic',
    icon: 'git-branch',
    waits: false,
    exits: ['cases[].next', 'default'],
    events: [],
  },
  definitionSchema: {
    properties: {
      cases: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: object({ when: ref('logic'), next: target }, ['when', 'next']),
      },
      default: target,
    },
    required: ['cases'],
  },
  properties: [
    prop('/cases', 'list', 'Paths', '分支条件', {
      required: true,
      help: {
        en: 'Checked in order; the first that holds is taken.',
        zh: '按顺序判断，走第一个成立的分支。',
      },
      items: [
        prop('/when', 'rule', 'Condition', '条件', { required: true }),
        prop('/next', 'node', 'Then go to', '满足时前往', { required: true }),
      ],
    }),
    prop('/default', 'node', 'Otherwise go to', '否则前往', {
      help: {
        en: 'Without it, no condition holding fails the case.',
        zh: '不设置时，条件都不成立会使流程出错。',
      },
    }),
  ],
  check({ node, flow, problems }) {
    list(own(node.raw, 'cases')).forEach((c, i) =>
      checkRuleAt(c, 'when', `${node.path}/cases/${i}`, flow.form?.fieldKeys, problems),
    );
  },
  enter(ctx, token, node, nodeId) {
    const scope = ruleScope(ctx);
    for (const [index, branchCase] of node.cases.entries()) {
      let holds: boolean;
      try {
        holds = isTruthy(evaluateRule(branchCase.when, scope));
      } catch (e) {
        failInstance(
          ctx,
          nodeId,
          `Condition ${index + 1} cannot be evaluated: ${e instanceof Error ? e.message : String(e)}`,
        );
        return;
      }
      if (holds) {
        appendHistory(ctx, 'branch.taken', { node: nodeId, detail: { case: index, next: branchCase.next } });
        moveToken(ctx, token, branchCase.next);
        return;
      }
    }
    if (node.default === undefined) {
      failInstance(ctx, nodeId, 'No condition holds and the branch has no default path.');
      return;
    }
    appendHistory(ctx, 'branch.taken', { node: nodeId, detail: { case: 'default', next: node.default } });
    moveToken(ctx, token, node.default);
  },
};
