/**
 * The flow designer's `DraftServer`: the flow (`PUT /apps/:app/flows/:flow`) and its node
 * positions in `layout.flows[<flow>]`, saved as every designer part is
 * (`editing/draft-part-server.ts`). A flow not in the draft yet starts blank on `form`.
 */
import { api } from '../../../ui/api.js';
import { draftPartServer, type PartDraftServer, type Request } from '../editing/draft-part-server.js';
import { blankFlow, fitFlowLayout, type FlowDoc } from './flow-doc.js';

export function flowDraftServer(
  app: string,
  flowKey: string,
  newOnForm: string | undefined,
  request: Request = api,
): PartDraftServer<FlowDoc> {
  return draftPartServer<FlowDoc>(
    {
      app,
      part: 'flows',
      key: flowKey,
      read(draft, entry) {
        const flow =
          draft.flows?.find((f) => f.key === flowKey) ??
          blankFlow(flowKey, newOnForm ?? draft.forms?.[0]?.key ?? '');
        return { flow, layout: fitFlowLayout(flow, entry) };
      },
      definition: (doc) => doc.flow,
      layout: (doc) => doc.layout,
    },
    request,
  );
}
