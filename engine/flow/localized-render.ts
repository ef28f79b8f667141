/**
 * Renders a node's handlebars text in both languages, so the runtime can send each recipient
 * theirs. Each language renders over its own data (select labels differ by language); a plain
 * string is one template for both, a missing language falls back to the other.
 */
import type { LocalizedText } from '../definition/types.js';
import { renderTemplate, type RenderOptions } from '../template/index.js';

type Language = 'en' | 'zh';

export function renderLocalized(
  text: LocalizedText,
  dataIn: (language: Language) => Record<string, unknown>,
  escape: RenderOptions['escape'] = 'html',
): { en: string; zh: string } {
  const en = typeof text === 'string' ? text : (text.en ?? text.zh ?? '');
  const zh = typeof text === 'string' ? text : (text.zh ?? text.en ?? '');
  return {
    en: renderTemplate(en, dataIn('en'), { escape }),
    zh: renderTemplate(zh, dataIn('zh'), { escape }),
  };
}

/** A node's display name in both languages (for task lists and built-in messages). */
export function localizedName(name: LocalizedText | undefined, fallback: string): { en: string; zh: string } {
  if (name === undefined) return { en: fallback, zh: fallback };
  if (typeof name === 'string') return { en: name, zh: name };
  return { en: name.en ?? name.zh ?? fallback, zh: name.zh ?? name.en ?? fallback };
}
