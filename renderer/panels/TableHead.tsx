/** A table's header row: one column title per label ('' for a column without a title). */
export function TableHead({ labels }: { labels: readonly string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label, i) => (
          <th key={i}>{label}</th>
        ))}
      </tr>
    </thead>
  );
}
