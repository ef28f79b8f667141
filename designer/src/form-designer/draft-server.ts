/**
 * The form designer's `DraftServer`: the form (`PUT /apps/:app/forms/:form`) and its sections in
 * `layout.forms[<form>]`, saved as every designer part is (`editing/draft-part-server.ts`).
 */
import { api } from '../../../ui/api.js';
import type { FormDef } from '../../../engine/definition/types.js';
import { fitLayout, type DesignDoc } from './edit-store.js';
import { draftPartServer, type PartDraftServer, type Request } from '../editing/draft-part-server.js';

export type { DraftBundle, Request } from '../editing/draft-part-server.js';

/** A new form's definition before its first save. */
export function blankForm(key: string): FormDef {
  return { key, name: { zh: key, en: key }, fields: [] };
}

export type HttpDraftServer = PartDraftServer<DesignDoc>;

export function httpDraftServer(app: string, formKey: string, request: Request = api): HttpDraftServer {
  return draftPartServer<DesignDoc>(
    {
      app,
      part: 'forms',
      key: formKey,
      read(draft, entry) {
        const form = draft.forms?.find((f) => f.key === formKey) ?? blankForm(formKey);
        return { form, layout: fitLayout(form, entry) };
      },
      definition: (doc) => doc.form,
      layout: (doc) => doc.layout,
    },
    request,
  );
}
