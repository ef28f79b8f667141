/**
 * The draft's scenarios on the versions page, loaded lazily: their check runs the engine in the
 * simulator's worker, which the studio's first load should not carry.
 */
import { lazy, Suspense } from 'react';

const Card = lazy(() => import('../flow-designer/simulator/draft-scenarios-card.js'));

export function DraftScenarios({
  app,
  revision,
  onChanged,
}: {
  app: string;
  revision?: number | undefined;
  onChanged?: () => void;
}) {
  return (
    <Suspense fallback={null}>
      <Card app={app} revision={revision} onChanged={onChanged} />
    </Suspense>
  );
}
