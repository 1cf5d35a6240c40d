import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type MouseEvent } from 'react';
import type { SortColumn, SortOrder } from '../../shared/cluster/inventory-view.js';
import type { Inventory } from '../../shared/ipc/contract.js';

const ROW_HEIGHT_PX = 28;

type Columns = Inventory['columns'];

interface ColumnSpec {
  key: SortColumn;
  title: string;
  cell: (columns: Columns, row: number) => string;
}

const dhcpWords = { fixed: 'fixed', dynamic: 'dynamic range', none: '—' } as const;

const COLUMNS: readonly ColumnSpec[] = [
  { key: 'name', title: 'Name', cell: (c, row) => c.name[row] ?? '' },
  { key: 'addresses', title: 'Addresses', cell: (c, row) => c.addresses[row] ?? '' },
  { key: 'macs', title: 'MACs', cell: (c, row) => c.macs[row] ?? '' },
  { key: 'mosixId', title: 'openMosix ID', cell: (c, row) => String(c.mosixId[row] || '—') },
  { key: 'bootFile', title: 'Boot file', cell: (c, row) => c.bootFile[row] || '—' },
  { key: 'dhcp', title: 'DHCP', cell: (c, row) => dhcpWords[c.dhcp[row] ?? 'none'] },
  { key: 'lease', title: 'Lease', cell: (c, row) => c.lease[row] || '—' },
];

function ProblemBadges({ errors, warnings }: { errors: number; warnings: number }) {
  return (
    <>
      {errors > 0 && (
        <span className="badge badge-problem">{errors === 1 ? '1 error' : `${errors} errors`}</span>
      )}
      {warnings > 0 && (
        <span className="badge badge-warning">{warnings === 1 ? '1 warning' : `${warnings} warnings`}</span>
      )}
    </>
  );
}

interface NodeTableProps {
  columns: Columns;
  /** Row indices to show, in order. */
  rows: readonly number[];
  selected: ReadonlySet<number>;
  /** Undefined: the files' order. */
  order: SortOrder | undefined;
  onSort: (column: SortColumn) => void;
  onClick: (row: number, event: MouseEvent) => void;
}

/** Every node in one virtualised grid: only the rows in view are in the page. */
export function NodeTable({ columns, rows, selected, order, onSort, onClick }: NodeTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer's functions change with every scroll; this component does not memoise them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  });
  const sortState = (key: SortColumn) =>
    order?.column === key ? (order.descending ? 'descending' : 'ascending') : 'none';
  return (
    <div
      className="node-grid"
      role="grid"
      aria-label="Nodes"
      aria-rowcount={rows.length + 1}
      aria-multiselectable
    >
      <div className="node-row node-header" role="row">
        {COLUMNS.map(({ key, title }) => (
          <div key={key} role="columnheader" aria-sort={sortState(key)}>
            <button type="button" className="link" onClick={() => onSort(key)}>
              {title}
            </button>
          </div>
        ))}
        <div role="columnheader" title="Live state needs a connected gateway">
          Live
        </div>
        <div role="columnheader" aria-sort={sortState('problems')}>
          <button type="button" className="link" onClick={() => onSort('problems')}>
            Problems
          </button>
        </div>
      </div>
      <div className="node-scroll" ref={scroller}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] ?? 0;
            const isSelected = selected.has(row);
            return (
              <div
                key={row}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={`node-row${isSelected ? ' selected' : ''}${columns.role[row] === 'gateway' ? ' gateway' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT_PX }}
                onClick={(event) => onClick(row, event)}
              >
                {COLUMNS.map(({ key, cell }) => (
                  <div key={key} role="gridcell" className={key === 'name' ? undefined : 'mono'}>
                    {cell(columns, row)}
                  </div>
                ))}
                <div role="gridcell" className="subtle">
                  —
                </div>
                <div role="gridcell">
                  <ProblemBadges errors={columns.errors[row] ?? 0} warnings={columns.warnings[row] ?? 0} />
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
