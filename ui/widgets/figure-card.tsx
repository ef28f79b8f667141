/** One figure in a card, titled, with a note under it (process analytics' throughput and cycle time). */
export function FigureCard({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  testId: string;
}) {
  return (
    <section className="card widget" data-testid={testId}>
      <h2 className="widget-title">{label}</h2>
      <p className="kpi-value">{value}</p>
      {note && <p className="muted small">{note}</p>}
    </section>
  );
}
