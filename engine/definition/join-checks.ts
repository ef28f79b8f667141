/**
 * Parallel splits and joins pair up: every branch of a `parallel` leads to the same `join` before
 * it can reach any `end`, and every `join` closes some `parallel`.
 *
 * The check is structural and simple, on purpose. From each branch it follows forward transitions
 * (not `returnTo`), stops at the first join, and steps over a nested parallel by continuing after
 * that parallel's own join. Its limits: it does not prove that every path of a branch arrives (a
 * loop inside a branch that never leaves is the reachability check's to report), nor that two
 * splits do not share nodes, nor that a branch cannot jump back before its split.
 */
import type { Problem } from '../errors.js';
import type { FlowInfo } from './bundle-index.js';
import { list, own } from './bundle-reader.js';
import { successors } from './flow-edges.js';
import { isValidKey } from './types.js';

interface BranchWalk {
  joins: Set<string>;
  endsEarly: boolean;
}

export function checkJoins(flow: FlowInfo): Problem[] {
  const problems: Problem[] = [];
  const { nodes } = flow;
  // The join a parallel closes on (null when it has none); `pending` guards against split loops.
  const joinOf = new Map<string, string | null>();
  const pending = new Set<string>();
  const matched = new Set<string>();

  const walk = (split: string, first: string): BranchWalk => {
    const result: BranchWalk = { joins: new Set(), endsEarly: false };
    const seen = new Set<string>();
    const stack = [first];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id) || id === split) continue;
      seen.add(id);
      const node = nodes.get(id);
      if (!node) continue;
      if (node.type === 'join') {
        result.joins.add(id);
      } else if (node.type === 'end') {
        result.endsEarly = true;
      } else if (node.type === 'parallel') {
        const inner = resolve(id);
        const after = inner ? own(nodes.get(inner)?.raw, 'next') : undefined;
        if (isValidKey(after)) stack.push(after);
      } else {
        stack.push(...successors(node, nodes));
      }
    }
    return result;
  };

  const resolve = (split: string): string | null => {
    const known = joinOf.get(split);
    if (known !== undefined) return known;
    if (pending.has(split)) return null;
    pending.add(split);
    const node = nodes.get(split)!;
    const joins = new Set<string>();
    let complete = true;
    list(own(node.raw, 'branches')).forEach((first, i) => {
      if (!isValidKey(first) || !nodes.has(first)) {
        complete = false;
        return;
      }
      const branchPath = `${node.path}/branches/${i}`;
      const branch = walk(split, first);
      branch.joins.forEach((j) => joins.add(j));
      if (branch.endsEarly) {
        complete = false;
        problems.push({
          path: branchPath,
          code: 'flow.branch_ends_before_join',
          message: `Branch "${first}" of parallel "${split}" can reach an end before it reaches a join.`,
        });
      } else if (branch.joins.size === 0) {
        complete = false;
        problems.push({
          path: branchPath,
          code: 'flow.branch_never_joins',
          message: `Branch "${first}" of parallel "${split}" never reaches a join.`,
        });
      }
    });
    if (joins.size > 1) {
      problems.push({
        path: node.path,
        code: 'flow.parallel_unjoined',
        message: `The branches of parallel "${split}" lead to different joins (${[...joins].join(', ')}); they must all meet at one.`,
      });
    }
    joins.forEach((j) => matched.add(j));
    const join = complete && joins.size === 1 ? [...joins][0]! : null;
    joinOf.set(split, join);
    return join;
  };

  for (const node of nodes.values()) if (node.type === 'parallel') resolve(node.id);
  for (const node of nodes.values()) {
    if (node.type === 'join' && !matched.has(node.id)) {
      problems.push({
        path: node.path,
        code: 'flow.join_unmatched',
        message: `Join "${node.id}" does not close any parallel split.`,
      });
    }
  }
  return problems;
}
