/**
 * The template editor's live rendering, in a worker: Handlebars compiles templates with
 * `new Function`, which the designer page's CSP forbids, so the engine's own check and renderer
 * run here (served with the worker policy, as the form preview's worker is). Notification texts
 * render over the record as people read it (`displayValues`, as the notify node does); webhook
 * bodies over the stored values, escaped as JSON.
 */
import { checkTemplate, displayValues, renderTemplate } from '../../../../engine/template/index.js';
import type { TemplateRequest, TemplateResponse } from './template-protocol.js';

function answer(request: TemplateRequest): TemplateResponse {
  const knownFields = new Set(request.fields.map((f) => f.key));
  const problems = checkTemplate(request.source, { path: '', knownFields });
  if (problems.length > 0)
    return { id: request.id, ok: false, problems: problems.map(({ code, message }) => ({ code, message })) };
  try {
    const lookup = (form: string, id: string) => request.related[form]?.[id];
    const data =
      request.escape === 'json'
        ? request.data
        : displayValues(request.fields, request.data, { language: request.language, lookup });
    const text = renderTemplate(request.source, { ...request.builtins, ...data }, { escape: request.escape });
    return { id: request.id, ok: true, text };
  } catch (e) {
    return {
      id: request.id,
      ok: false,
      problems: [{ code: 'template.render', message: e instanceof Error ? e.message : String(e) }],
    };
  }
}

// The project compiles with the DOM library; a worker's global scope is typed by hand.
const scope = self as unknown as {
  postMessage(message: TemplateResponse): void;
  onmessage: ((event: MessageEvent<TemplateRequest>) => void) | null;
};
scope.onmessage = (event) => scope.postMessage(answer(event.data));
