/**
 * A task node's column of the permission matrix inside its panel: each field of the flow's form
 * hidden, read only, editable or required at this step, and whether fields added later show here.
 */
import type { TaskNode } from '../../../../engine/definition/types.js';
import { loc } from '../../../../ui/i18n.js';
import { usePanel } from './panel-context.js';
import {
  canHide,
  cellOf,
  CELLS,
  hasStartingFields,
  newFieldDefault,
  setCell,
  setNewFieldDefault,
  type Cell,
} from './permission-ops.js';
import { usePanelWords, type PanelWordKey } from './words.js';

export const CELL_WORDS: Record<Cell, PanelWordKey> = {
  hidden: 'cellHidden',
  visible: 'cellVisible',
  editable: 'cellEditable',
  required: 'cellRequired',
};

export function NodeFieldPermissions() {
  const { t } = usePanelWords();
  const { node, nodeId, form, flow, lang, base, edit } = usePanel();
  if (node.type !== 'task' || !form) return null;
  const task = node;
  const keys = form.fields.map((f) => f.key);
  const hideable = canHide(task);
  return (
    <fieldset className="fp-group" data-testid="node-field-permissions" id={`${base}/fields`} tabIndex={-1}>
      <legend>{t('fieldPermissions')}</legend>
      <p className="fp-help">{t('fieldPermissionsHelp')}</p>
      {hasStartingFields(task, form, flow) && (
        <p className="fp-help" data-testid="node-starting-fields">
          {t('startingFieldsNote')}
        </p>
      )}
      <label className="fp-row-inline">
        {t('newFieldDefault')}
        <select
          aria-label={t('newFieldDefault')}
          value={newFieldDefault(task)}
          onChange={(e) => {
            const to = e.target.value as 'hidden' | 'visible';
            const hidden = keys.filter((k) => cellOf(task, k) === 'hidden');
            if (
              to === 'visible' &&
              hidden.length > 0 &&
              !window.confirm(t('confirmShowHidden', { list: hidden.join(', ') }))
            )
              return;
            edit((flow) => setNewFieldDefault(flow.nodes[nodeId] as TaskNode, keys, to));
          }}
        >
          <option value="hidden">{t('newFieldHidden')}</option>
          <option value="visible">{t('newFieldVisible')}</option>
        </select>
      </label>
      <div className="fp-node-perms-scroll">
        <table className="fp-node-perms">
          <tbody>
            {form.fields.map((field) => {
              const cell = cellOf(task, field.key);
              return (
                <tr key={field.key} className={`fp-cell-${cell}`}>
                  <td>{loc(field.label, lang)}</td>
                  <td>
                    <select
                      aria-label={loc(field.label, lang)}
                      data-testid={`node-perm-${field.key}`}
                      value={cell}
                      onChange={(e) =>
                        edit(
                          (flow) =>
                            void setCell(flow.nodes[nodeId] as TaskNode, field.key, e.target.value as Cell),
                        )
                      }
                    >
                      {CELLS.map((c) => (
                        <option
                          key={c}
                          value={c}
                          disabled={c === 'hidden' && !hideable}
                          title={c === 'hidden' && !hideable ? t('cannotHide') : undefined}
                        >
                          {t(CELL_WORDS[c])}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
