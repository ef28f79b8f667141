/**
 * The refusal of a draft save made on an older revision than the stored one: a 409 whose problem
 * body carries the current `revision`, so the designer can reload and merge instead of guessing.
 */
import { FlowcaseError } from '../../engine/index.js';

export class DraftRevisionConflict extends FlowcaseError {
  /** The draft's revision as stored now. */
  readonly revision: number;

  constructor(app: string, current: number, sent: number) {
    super(
      'FC_CONFLICT',
      {
        en: `The draft of ${app} was saved by someone else meanwhile: it is at revision ${current}, this save was made on revision ${sent}. Reload the draft and save again.`,
        zh: `应用 ${app} 的草稿已被他人保存：当前版本为 ${current}，本次保存基于版本 ${sent}。请重新加载草稿后再保存。`,
      },
      {
        path: '/revision',
        problems: [
          {
            path: '/revision',
            code: 'draft.stale_revision',
            message: `The draft is at revision ${current}, not ${sent}.`,
            zh: `草稿当前版本为 ${current}，不是 ${sent}。`,
          },
        ],
      },
    );
    this.revision = current;
  }
}
