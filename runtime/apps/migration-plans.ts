/**
 * The dry run of a migration (`POST /apps/:app/migrations` with `dryRun: true`): reads where the
 * open instances of version `from` stand and lets the engine's pure `migrationPlan` judge each
 * group against version `to`; names the sample cases by their records' titles. Nothing is written.
 */
import { FlowcaseError, recordTitle } from '../../engine/index.js';
import { migrationPlan, type MigrationPlan, type NodeMapping } from '../../engine/flow/index.js';
import type { Actor } from '../cases/types.js';
import { designableVersion, versionBundle, type VersionDeps } from './version-history.js';

export interface MigrationRequest {
  from: number;
  to: number;
  mapping?: NodeMapping;
}

/** A flow of version `to` with its steps, what a mapping may name. */
export interface TargetFlow {
  key: string;
  nodes: { key: string; type: string; name?: unknown }[];
}

export interface MigrationPlanAnswer extends MigrationPlan {
  app: string;
  from: number;
  to: number;
  dryRun: true;
  /** The flows of version `to` and their steps, for picking where a gone step's cases go. */
  targetFlows: TargetFlow[];
}

export class MigrationPlans {
  constructor(private readonly deps: VersionDeps) {}

  async plan(app: string, request: MigrationRequest, actor: Actor): Promise<MigrationPlanAnswer> {
    await designableVersion(this.deps, app, actor);
    const { from, to, mapping = {} } = request;
    if (from === to)
      throw new FlowcaseError('FC_VALIDATION_FAILED', 'A migration moves cases to another version.', {
        path: '/to',
      });
    const [source, target] = await Promise.all([
      versionBundle(this.deps, app, from, '/from'),
      versionBundle(this.deps, app, to, '/to'),
    ]);
    for (const flow of Object.keys(mapping))
      if (!source.flows.some((f) => f.key === flow))
        throw new FlowcaseError('FC_VALIDATION_FAILED', `Version ${from} has no flow ${flow}.`, {
          path: `/mapping/${flow}`,
        });
    const positions = await this.deps.store.listOpenInstancePositions(app, from);
    const plan = migrationPlan(source, target, positions, mapping);
    for (const group of plan.groups) {
      const form = source.forms.find((f) => f.key === source.flows.find((fl) => fl.key === group.flow)?.form);
      for (const sample of group.samples) {
        const record = await this.deps.store.getRecord(sample.recordId);
        const title = record ? recordTitle(form, record.data) : '';
        if (title) sample.title = title;
      }
    }
    const targetFlows = target.flows.map((f) => ({
      key: f.key,
      nodes: Object.entries(f.nodes).map(([key, node]) => ({
        key,
        type: node.type,
        ...(node.name !== undefined ? { name: node.name } : {}),
      })),
    }));
    return { app, from, to, dryRun: true, ...plan, targetFlows };
  }
}
