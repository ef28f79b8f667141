/**
 * Parallel splits and joins pair up: every branch of a `parallel` reaches the same `join`, and
 * every `join` closes some `parallel`.
 *
 * An `end` inside a branch is a terminating end: reaching it ends the whole instance and cancels
 * the other branches' tasks and timers (`engine/flow/kinds/end.kind.ts`). So a branch may also
 * lead to an end ("if logistics rejects, the order is rejected"), as long as some path of it
 * reaches the join. A branch that ends the instance on every path while its siblings meet at a
 * join leaves that join waiting forever, and is reported; a split all of whose branches only end
 * (a race: the first branch to finish ends the instance) needs no join.
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
  /** Some path of the branch reaches an `end` (or a nested split whose branches all end). */
  ends: boolean;
}

/** A split whose branches all end the instance: nothing continues after it. */
const ENDS_ONLY = Symbol('ends only');
type SplitResolution = string | null | typeof ENDS_ONLY;

export function checkJoins(flow: FlowInfo): Problem[] {
  const problems: Problem[] = [];
  const { nodes } = flow;
  // The join a parallel closes on (null when it has none); `pending` guards against split loops.
  const joinOf = new Map<string, SplitResolution>();
  const pending = new Set<string>();
  const matched = new Set<string>();

  const walk = (split: string, first: string): BranchWalk => {
    const result: BranchWalk = { joins: new Set(), ends: false };
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
        result.ends = true;
      } else if (node.type === 'parallel') {
        const inner = resolve(id);
        if (inner === ENDS_ONLY) {
          result.ends = true;
          continue;
        }
        const after = inner ? own(nodes.get(inner)?.raw, 'next') : undefined;
        if (isValidKey(after)) stack.push(after);
      } else {
        stack.push(...successors(node, nodes));
      }
    }
    return result;
  };

  const resolve = (split: string): SplitResolution => {
    const known = joinOf.get(split);
    if (known !== undefined) return known;
    if (pending.has(split)) return null;
    pending.add(split);
    const node = nodes.get(split)!;
    const joins = new Set<string>();
    const endOnly: { first: string; path: string }[] = [];
    let complete = true;
    let branches = 0;
    list(own(node.raw, 'branches')).forEach((first, i) => {
      if (!isValidKey(first) || !nodes.has(first)) {
        complete = false;
        return;
      }
      branches += 1;
      const branchPath = `${node.path}/branches/${i}`;
      const branch = walk(split, first);
      branch.joins.forEach((j) => joins.add(j));
      if (branch.joins.size > 0) return;
      if (branch.ends) {
        endOnly.push({ first, path: branchPath });
        return;
      }
      complete = false;
      problems.push({
        path: branchPath,
        code: 'flow.branch_never_joins',
        message: `Branch "${first}" of parallel "${split}" never reaches a join.`,
      });
    });
    if (joins.size > 1) {
      problems.push({
        path: node.path,
        code: 'flow.parallel_unjoined',
        message: `The branches of parallel "${split}" lead to different joins (${[...joins].join(', ')}); they must all meet at one.`,
      });
    }
    joins.forEach((j) => matched.add(j));
    let resolution: SplitResolution;
    if (complete && branches > 0 && endOnly.length === branches) {
      resolution = ENDS_ONLY;
    } else {
      const join = [...joins].join('", "');
      for (const branch of endOnly) {
        complete = false;
        problems.push({
          path: branch.path,
          code: 'flow.branch_never_joins',
          message: `Branch "${branch.first}" of parallel "${split}" ends the instance on every path and never reaches ${join ? `the join "${join}"` : 'a join'}, so the other branches could never continue after it.`,
        });
      }
      resolution = complete && joins.size === 1 ? [...joins][0]! : null;
    }
    joinOf.set(split, resolution);
    return resolution;
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
