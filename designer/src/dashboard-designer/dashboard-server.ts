/**
 * The dashboard designer's `DraftServer`: the dashboard (`PUT /apps/:app/dashboards/:key`) and its
 * grid in `layout.dashboards[<key>]`, saved as every designer part is
 * (`editing/draft-part-server.ts`). A dashboard not in the draft yet starts empty.
 */
import { api } from '../../../ui/api.js';
import type { DashboardDef } from '../../../engine/definition/types.js';
import { draftPartServer, type PartDraftServer, type Request } from '../editing/draft-part-server.js';
import { blankDashboard, fitDashboardLayout, type DashboardDoc } from './dashboard-doc.js';

export function dashboardDraftServer(
  app: string,
  key: string,
  request: Request = api,
): PartDraftServer<DashboardDoc> {
  return draftPartServer<DashboardDoc>(
    {
      app,
      part: 'dashboards',
      key,
      read(draft, entry) {
        const dashboard =
          (draft.dashboards as DashboardDef[] | undefined)?.find((d) => d.key === key) ?? blankDashboard(key);
        return { dashboard, layout: fitDashboardLayout(dashboard, entry) };
      },
      definition: (doc) => doc.dashboard,
      layout: (doc) => doc.layout,
    },
    request,
  );
}
