import type { ComponentChildren } from 'preact';
import type { Loaded } from '../hooks.ts';
import type { Page } from '../types.ts';
import { ErrorBox, Loading } from './ui.tsx';

/**
 * A loaded page of a list as a table: its error with a retry, a spinner on the first load, a
 * sentence when it is empty, else the rows in a focusable region that scrolls sideways on a phone.
 */
export const ListTable = <T,>({
  list,
  label,
  empty,
  head,
  row,
}: {
  list: Loaded<Page<T>>;
  label: string;
  empty: string;
  head: ComponentChildren;
  row: (item: T) => ComponentChildren;
}) => (
  <>
    {list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : null}
    {list.loading && !list.data ? <Loading /> : null}
    {list.data && list.data.items.length === 0 ? <p>{empty}</p> : null}
    {list.data && list.data.items.length > 0 ? (
      <div class="table-wrap" tabIndex={0} role="region" aria-label={label} aria-busy={list.loading}>
        <table class="table">
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{list.data.items.map(row)}</tbody>
        </table>
      </div>
    ) : null}
  </>
);
