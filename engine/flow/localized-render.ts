/**
 * Renders a node's handlebars text in both languages, so the runtime can send each recipient
 * theirs. A plain string renders the same for both; a missing language falls back to the other.
 */
import type { LocalizedText } from '../definition/types.js';
import { renderTemplate } from '../template/index.js';

export function renderLocalized(text: LocalizedText, data: Record<string, unknown>): { en: string; zh: string } {
  if (typeof text === 'string') {
    const rendered = renderTemplate(text, data);
    return { en: rendered, zh: rendered };
  }
  const en = text.en ?? text.zh ?? '';
  const zh = text.zh ?? text.en ?? '';
  const renderedEn = renderTemplate(en, data);
  return { en: renderedEn, zh: zh === en ? renderedEn : renderTemplate(zh, data) };
}

/** A node's display name in both languages (for task lists and built-in messages). */
export function localizedName(name: LocalizedText | undefined, fallback: string): { en: string; zh: string } {
  if (name === undefined) return { en: fallback, zh: fallback };
  if (typeof name === 'string') return { en: name, zh: name };
  return { en: name.en ?? name.zh ?? fallback, zh: name.zh ?? name.en ?? fallback };
}
