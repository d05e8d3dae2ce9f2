/**
 * A column's name inside its cell, shown only where a table's rows stack on a narrow screen
 * (`.table-stack` in styles.css); screen readers hear the column's header instead.
 */
export function CellLabel({ children }: { children: string }) {
  return (
    <span className="cell-label" aria-hidden="true">
      {children}:{' '}
    </span>
  );
}
