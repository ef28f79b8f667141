/**
 * Every field of the flow's form × every task step in one grid: each cell hidden, read only,
 * editable or required (the engine's visible/editable/required lists of the step), a whole row or
 * column set at once, and — chosen once for the flow — whether fields added to the form later are
 * hidden or shown read-only at every step (a step with a `visible` list hides what it does not
 * name; one without shows everything). Table fields are one row: the engine has no column-level
 * permissions. Every change is one undo step through `edit`.
 */
import { useState } from 'react';
import type { Draft } from 'immer';
import type { AppBundle, FlowDef, TaskNode } from '../../../../engine/definition/types.js';
import { loc } from '../../../../ui/i18n.js';
import { CELL_WORDS } from './node-field-permissions.js';
import {
  canHide,
  cellOf,
  CELLS,
  flowNewFieldDefault,
  hiddenToday,
  newFieldDefault,
  setCell,
  setColumn,
  setFlowNewFieldDefault,
  setRow,
  taskNodes,
  type Cell,
} from './permission-ops.js';
import { usePanelWords } from './words.js';
import './panels.css';

export function PermissionMatrix(props: {
  bundle: AppBundle;
  flow: string;
  edit: (recipe: (flow: Draft<FlowDef>) => void, merge?: string) => void;
}) {
  const { t, lang } = usePanelWords();
  const [notice, setNotice] = useState<string>();
  const flow = props.bundle.flows.find((f) => f.key === props.flow);
  const form = props.bundle.forms.find((f) => f.key === flow?.form);
  if (!flow) return null;
  if (!form)
    return (
      <p className="fp-warning" data-testid="permission-matrix">
        {t('matrixNoForm', { form: flow.form })}
      </p>
    );
  const tasks = taskNodes(flow);
  const keys = form.fields.map((f) => f.key);
  const flowDefault = flowNewFieldDefault(flow);
  const nodeName = (id: string, node: TaskNode) => (node.name ? loc(node.name, lang) : id);

  const chooseDefault = (to: 'hidden' | 'visible') => {
    if (to === 'visible') {
      const shown = hiddenToday(flow, keys);
      if (
        shown.length > 0 &&
        !window.confirm(
          t('confirmShowHidden', {
            list: shown.map(([n, f]) => `${nodeName(n, flow.nodes[n] as TaskNode)}: ${f}`).join(', '),
          }),
        )
      )
        return;
    }
    props.edit((draft) => setFlowNewFieldDefault(draft, keys, to));
  };

  const setWholeRow = (field: string, cell: Cell) => {
    let refused: string[] = [];
    props.edit((draft) => {
      refused = setRow(draft, field, cell);
    });
    setNotice(refused.length > 0 ? t('rowRefused', { list: refused.join(', ') }) : undefined);
  };

  return (
    <div className="fp-matrix-wrap" data-testid="permission-matrix">
      <h3>{t('matrixTitle')}</h3>
      <p className="fp-help">{t('matrixHelp')}</p>
      <label className="fp-row-inline" data-testid="matrix-new-field-default">
        {t('newFieldDefault')}
        <select
          aria-label={t('newFieldDefault')}
          value={flowDefault}
          onChange={(e) => chooseDefault(e.target.value as 'hidden' | 'visible')}
        >
          {flowDefault === 'mixed' && (
            <option value="mixed" disabled>
              {t('newFieldMixed')}
            </option>
          )}
          <option value="hidden">{t('newFieldHidden')}</option>
          <option value="visible">{t('newFieldVisible')}</option>
        </select>
      </label>
      {notice && (
        <p className="fp-warning" role="status">
          {notice}
        </p>
      )}
      {tasks.length === 0 ? (
        <p className="fp-muted">{t('matrixNoTasks')}</p>
      ) : (
        <div className="fp-matrix-scroll">
          <table className="fp-matrix">
            <thead>
              <tr>
                <th className="fp-matrix-corner">{t('field')}</th>
                {tasks.map(([id, node]) => (
                  <th key={id} data-testid={`matrix-col-${id}`}>
                    <div className="fp-matrix-node">{nodeName(id, node)}</div>
                    <div className="fp-muted small">
                      {newFieldDefault(node) === 'hidden'
                        ? t('newFieldNodeHidden')
                        : t('newFieldNodeVisible')}
                    </div>
                    <select
                      aria-label={`${t('wholeColumn')}: ${nodeName(id, node)}`}
                      data-testid={`matrix-col-set-${id}`}
                      value=""
                      onChange={(e) => {
                        const cell = e.target.value as Cell;
                        props.edit((draft) => void setColumn(draft.nodes[id] as TaskNode, keys, cell));
                      }}
                    >
                      <option value="">{t('wholeColumn')}…</option>
                      {CELLS.map((c) => (
                        <option key={c} value={c} disabled={c === 'hidden' && !canHide(node)}>
                          {t(CELL_WORDS[c])}
                        </option>
                      ))}
                    </select>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {form.fields.map((field) => (
                <tr key={field.key} data-testid={`matrix-row-${field.key}`}>
                  <th scope="row" className="fp-matrix-field">
                    <div>
                      {loc(field.label, lang)} <span className="fp-muted small">{field.key}</span>
                    </div>
                    <select
                      aria-label={`${t('wholeRow')}: ${loc(field.label, lang)}`}
                      data-testid={`matrix-row-set-${field.key}`}
                      value=""
                      onChange={(e) => setWholeRow(field.key, e.target.value as Cell)}
                    >
                      <option value="">{t('wholeRow')}…</option>
                      {CELLS.map((c) => (
                        <option key={c} value={c}>
                          {t(CELL_WORDS[c])}
                        </option>
                      ))}
                    </select>
                  </th>
                  {tasks.map(([id, node]) => {
                    const cell = cellOf(node, field.key);
                    return (
                      <td key={id} className={`fp-cell fp-cell-${cell}`}>
                        <select
                          aria-label={`${loc(field.label, lang)} @ ${nodeName(id, node)}`}
                          data-testid={`matrix-${field.key}-${id}`}
                          value={cell}
                          onChange={(e) =>
                            props.edit(
                              (draft) =>
                                void setCell(draft.nodes[id] as TaskNode, field.key, e.target.value as Cell),
                            )
                          }
                        >
                          {CELLS.map((c) => (
                            <option
                              key={c}
                              value={c}
                              disabled={c === 'hidden' && !canHide(node)}
                              title={c === 'hidden' && !canHide(node) ? t('cannotHide') : undefined}
                            >
                              {t(CELL_WORDS[c])}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
