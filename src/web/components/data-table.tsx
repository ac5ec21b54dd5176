import type { ComponentChildren } from 'preact';

/** A column: its heading, and what each item shows in it (columns are fixed, so their place is their key). */
export interface Column<T> {
  head: ComponentChildren;
  cell: (item: T) => ComponentChildren;
  class?: string;
}

/**
 * A table of items in a scrolling region (a phone scrolls it sideways, never the page), labelled
 * for screen readers and busy while a newer page loads.
 */
export const DataTable = <T extends { id: string }>({ label, items, columns, busy }: { label: string; items: T[]; columns: Column<T>[]; busy: boolean }) => (
  <div class="table-wrap" tabIndex={0} role="region" aria-label={label} aria-busy={busy}>
    <table class="table">
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" class={c.class}>
              {c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            {columns.map((c, i) => (
              <td key={i} class={c.class}>
                {c.cell(item)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
