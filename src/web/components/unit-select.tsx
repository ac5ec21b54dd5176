import { filingUnitsOf } from '../../domain/filing-scope.ts';
import { useSession } from '../session.tsx';
import type { Unit } from '../types.ts';
import type { ControlProps } from './ui.tsx';

export interface UnitNode extends Unit {
  depth: number;
  children: UnitNode[];
}

/** The flat unit list as a forest, children sorted by code. */
export const unitTree = (units: Unit[]): UnitNode[] => {
  const nodes = new Map(units.map((u) => [u.code, { ...u, depth: 0, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentCode ? nodes.get(n.parentCode) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: UnitNode[], depth: number) => {
    list.sort((a, b) => a.code.localeCompare(b.code));
    for (const n of list) {
      n.depth = depth;
      sort(n.children, depth + 1);
    }
  };
  sort(roots, 0);
  return roots;
};

/** The tree in reading order (parent before its children). */
export const flatTree = (roots: UnitNode[]): UnitNode[] => roots.flatMap((r) => [r, ...flatTree(r.children)]);

/**
 * A unit chooser in tree order, children indented. `filing`: only the units the user may register
 * and file for (their filing scope, the rule the server applies), so the form never offers what
 * the server would refuse.
 */
export const UnitSelect = ({
  value,
  onChange,
  emptyLabel,
  filing,
  ...p
}: ControlProps & { value: string; onChange: (code: string) => void; emptyLabel?: string; filing?: boolean; name?: string }) => {
  const { units, user } = useSession();
  const allowed = filing ? new Set(filingUnitsOf(user, units)) : null;
  return (
    <select {...p} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
      {flatTree(unitTree(units))
        .filter((u) => !allowed || allowed.has(u.code))
        .map((u) => (
          <option key={u.code} value={u.code}>
            {`${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.code})`}
          </option>
        ))}
    </select>
  );
};
