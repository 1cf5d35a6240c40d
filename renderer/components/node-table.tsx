import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type MouseEvent } from 'react';
import type { SortColumn, SortOrder } from '../../shared/cluster/inventory-view.js';
import {
  formatMemory,
  formatOpenMosix,
  formatUptime,
  memoryUsed,
  type LiveSortColumn,
} from '../../shared/cluster/live-state.js';
import type { Inventory, LiveNode, LiveState } from '../../shared/ipc/contract.js';

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

interface LiveColumn {
  key: LiveSortColumn;
  title: string;
  /** The cell's text and, where it says more, its tooltip. */
  cell: (node: LiveNode | undefined) => { text: string; title?: string | undefined };
}

const NOT_YET = { text: '…', title: 'not polled yet' };

/** What a node is doing now; `—` where the poll has no such value. */
const LIVE_COLUMNS: readonly LiveColumn[] = [
  {
    key: 'reachable',
    title: 'Reachable',
    cell: (node) =>
      !node
        ? NOT_YET
        : node.state === 'unreachable'
          ? { text: 'unreachable', title: node.message }
          : { text: 'yes' },
  },
  {
    key: 'load',
    title: 'Load',
    cell: (node) =>
      node?.state === 'up'
        ? { text: node.load[0].toFixed(2), title: `1, 5, 15 min: ${node.load.join(' ')}` }
        : node?.state === 'failed'
          ? { text: '—', title: node.message }
          : { text: '—' },
  },
  {
    key: 'memory',
    title: 'Memory',
    cell: (node) =>
      node?.state === 'up'
        ? {
            text: `${Math.round(100 * memoryUsed(node))} %`,
            title: formatMemory(node.memTotalKiB, node.memAvailableKiB),
          }
        : { text: '—' },
  },
  {
    key: 'uptime',
    title: 'Uptime',
    cell: (node) => (node?.state === 'up' ? { text: formatUptime(node.uptimeSeconds) } : { text: '—' }),
  },
  {
    key: 'openMosix',
    title: 'openMosix',
    cell: (node) =>
      node?.state === 'up' && node.openMosix
        ? { text: formatOpenMosix(node.openMosix) }
        : { text: '—', title: node?.state === 'up' ? 'openMosix does not run on this node' : undefined },
  },
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
  /** The latest poll of a gateway's nodes; without one (demo, folder) the live column says `—`. */
  live: LiveState | undefined;
}

function LiveCells({ node, role }: { node: LiveNode | undefined; role: string | undefined }) {
  return (
    <>
      {LIVE_COLUMNS.map(({ title, cell }) => {
        const { text, title: tooltip } = role === 'gateway' ? { text: '—', title: undefined } : cell(node);
        const unreachable = node?.state === 'unreachable' && title === 'Reachable';
        return (
          <div key={title} role="gridcell" className={unreachable ? 'error' : 'mono'} title={tooltip}>
            {text}
          </div>
        );
      })}
    </>
  );
}

function SortHeader({
  column,
  title,
  state,
  onSort,
}: {
  column: SortColumn;
  title: string;
  state: 'ascending' | 'descending' | 'none';
  onSort: (column: SortColumn) => void;
}) {
  return (
    <div role="columnheader" aria-sort={state}>
      <button type="button" className="link" onClick={() => onSort(column)}>
        {title}
      </button>
    </div>
  );
}

/** Every node in one virtualised grid: only the rows in view are in the page. */
export function NodeTable({ columns, rows, selected, order, onSort, onClick, live }: NodeTableProps) {
  const polling = live?.polling === true;
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
      className={polling ? 'node-grid live' : 'node-grid'}
      role="grid"
      aria-label="Nodes"
      aria-rowcount={rows.length + 1}
      aria-multiselectable
    >
      <div className="node-row node-header" role="row">
        {COLUMNS.map(({ key, title }) => (
          <SortHeader key={key} column={key} title={title} state={sortState(key)} onSort={onSort} />
        ))}
        {polling ? (
          LIVE_COLUMNS.map(({ key, title }) => (
            <SortHeader key={key} column={key} title={title} state={sortState(key)} onSort={onSort} />
          ))
        ) : (
          <div role="columnheader" title="Live state needs a connected gateway">
            Live
          </div>
        )}
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
                {polling ? (
                  <LiveCells node={live.nodes[columns.name[row] ?? '']} role={columns.role[row]} />
                ) : (
                  <div role="gridcell" className="subtle">
                    —
                  </div>
                )}
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
