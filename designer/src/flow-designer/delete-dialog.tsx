/**
 * Deleting a node asks first what happens to what followed it: join the single path up, or delete
 * the node with every node only it leads to, each listed by name. Nothing goes unseen.
 */
import type { FlowDef } from '../../../engine/definition/types.js';
import type { DeletePlan } from './flow-ops.js';
import { nodeName } from './node-summary.js';
import { useFlowWords } from './words.js';

export function DeleteDialog({
  flow,
  plan,
  onReconnect,
  onSubtree,
  onCancel,
}: {
  flow: FlowDef;
  plan: DeletePlan;
  onReconnect: () => void;
  onSubtree: () => void;
  onCancel: () => void;
}) {
  const { t, lang } = useFlowWords();
  const name = (id: string) => nodeName(flow.nodes[id], id, lang);
  return (
    <div
      className="notice dialog"
      role="alertdialog"
      aria-label={t('deleteNode')}
      data-testid="delete-dialog"
    >
      <h2>{t('deleteTitle', { name: name(plan.node) })}</h2>
      {plan.reconnectTo !== undefined ? (
        <p>
          <button type="button" onClick={onReconnect} data-testid="delete-reconnect">
            {t('deleteReconnect', { next: name(plan.reconnectTo) })}
          </button>
        </p>
      ) : (
        <p className="muted">{t('deleteNoReconnect')}</p>
      )}
      <p>{plan.subtree.length > 1 ? t('deleteSubtree') : t('deleteSubtreeOnly')}</p>
      <ul className="subtree" data-testid="delete-subtree-list">
        {plan.subtree.map((id) => (
          <li key={id}>
            {name(id)} <code className="muted small">{id}</code>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('deleteEnds')}</p>
      <button type="button" className="danger" onClick={onSubtree} data-testid="delete-subtree">
        {t('confirmDelete')} ({plan.subtree.length})
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
