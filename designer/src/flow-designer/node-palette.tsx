/**
 * The node palette, generated from the engine's node-kind registry: each kind with its icon, name
 * and summary. Dragged onto a transition's "+" it is put there; clicked, it is put after the
 * selected node.
 */
import type { KindCatalogue } from '../../../engine/definition/kind-catalogue.js';
import { loc } from '../../../ui/i18n.js';
import { KIND_DRAG_TYPE } from './canvas-actions.js';
import { insertable } from './flow-ops.js';
import { kindGlyph } from './kind-icons.js';
import { useFlowWords } from './words.js';

export function NodePalette({
  catalogue,
  onPick,
}: {
  catalogue: KindCatalogue;
  onPick: (type: string) => void;
}) {
  const { t, lang } = useFlowWords();
  return (
    <aside className="flow-palette" aria-label={t('palette')}>
      <h2>{t('palette')}</h2>
      <p className="muted small">{t('paletteHelp')}</p>
      <ul>
        {catalogue.nodes.kinds
          .filter((k) => insertable(k.type))
          .map((k) => (
            <li key={k.type}>
              <button
                type="button"
                draggable
                className={`palette-kind cat-${k.category}`}
                data-testid={`palette-${k.type}`}
                title={loc(k.summary, lang)}
                onDragStart={(e) => {
                  e.dataTransfer.setData(KIND_DRAG_TYPE, k.type);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onPick(k.type)}
              >
                <span aria-hidden="true">{kindGlyph(k.icon)}</span> {loc(k.label, lang)}
              </button>
            </li>
          ))}
      </ul>
    </aside>
  );
}
