import { useDeferredValue, useEffect, useMemo, useState, type MouseEvent } from 'react';
import {
  allRows,
  clickSelection,
  filterRows,
  nodeSetFilter,
  rowsNamed,
  searchTexts,
  sortRows,
  type SortColumn,
  type SortOrder,
} from '../../shared/cluster/inventory-view.js';
import { foldNodeSet } from '../../shared/cluster/nodeset.js';
import type { Inventory, Workspace } from '../../shared/ipc/contract.js';
import { NodeDetailPane, type FilePlace } from '../components/node-detail.js';
import { NodeTable } from '../components/node-table.js';
import { useWorkspaceQuery } from '../hooks/use-workspace-query.js';

interface NodesPageProps {
  workspace: Workspace;
  onOpenFile: (place: FilePlace) => void;
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;
}

function NewMachines({ machines }: { machines: Inventory['newMachines'] }) {
  if (machines.length === 0) return null;
  return (
    <section className="new-machines" aria-label="New machines">
      <h2>New machines</h2>
      <p className="subtle">Machines that took a DHCP lease but that no host block knows.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">MAC</th>
            <th scope="col">Leased address</th>
            <th scope="col">State</th>
            <th scope="col">Calls itself</th>
          </tr>
        </thead>
        <tbody>
          {machines.map((machine) => (
            <tr key={machine.mac}>
              <td className="mono">{machine.mac}</td>
              <td className="mono">{machine.address}</td>
              <td>{machine.state}</td>
              <td>{machine.clientHostname || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Every node of the workspace at a glance: filter, sort, select, and read one node's facts. */
export function NodesPage({ workspace, onOpenFile }: NodesPageProps) {
  const inventory = useWorkspaceQuery('nodes:list', workspace);
  const columns = inventory.value?.columns;
  const [text, setText] = useState('');
  const [nodeSetText, setNodeSetText] = useState('');
  /** Undefined: as the files list the nodes. */
  const [order, setOrder] = useState<SortOrder>();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<number>();
  const deferredText = useDeferredValue(text);
  const nodeSet = useMemo(() => nodeSetFilter(nodeSetText), [nodeSetText]);
  /** Made when the first filter is typed, then kept for these columns. */
  const texts = useMemo(() => {
    let made: string[] | undefined;
    return () => (made ??= columns ? searchTexts(columns) : []);
  }, [columns]);
  const sorted = useMemo(() => {
    if (!columns) return [];
    return order ? sortRows(columns, allRows(columns), order) : allRows(columns);
  }, [columns, order]);
  const rows = useMemo(() => {
    if (!columns) return [];
    const searched = deferredText.trim() === '' ? undefined : texts();
    return filterRows(columns, sorted, deferredText, nodeSet.ok ? nodeSet.names : undefined, searched);
  }, [columns, sorted, deferredText, nodeSet, texts]);

  useEffect(() => {
    // User timing for bench:inventory: the frame in which these rows were first painted.
    if (columns) requestAnimationFrame(() => performance.mark('nodes rows painted'));
  }, [columns, rows]);

  const sortBy = (column: SortColumn) =>
    setOrder((current) => ({ column, descending: current?.column === column && !current.descending }));
  const click = (row: number, event: MouseEvent) => {
    const modifiers = { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey };
    setSelected(clickSelection(selected, rows, anchor, row, modifiers));
    if (!modifiers.shift) setAnchor(row);
  };
  const selectNodeSet = () => {
    if (columns && nodeSet.ok && nodeSet.names) setSelected(rowsNamed(columns, nodeSet.names));
  };
  const selectedNames = columns ? [...selected].map((row) => columns.name[row] ?? '') : [];
  const [single] = selectedNames.length === 1 ? selectedNames : [];

  return (
    <div className="nodes-page">
      <section className="node-list" aria-label="Inventory">
        <h1>Nodes</h1>
        {inventory.error && (
          <p role="alert" className="error">
            Could not read the nodes: {inventory.error.message}
          </p>
        )}
        {!columns && !inventory.error && <p className="subtle">Reading the cluster’s files…</p>}
        {columns && (
          <>
            <div className="node-tools">
              <label>
                Filter
                <input
                  type="search"
                  value={text}
                  placeholder="name, address or MAC"
                  onChange={(event) => setText(event.target.value)}
                />
              </label>
              <label>
                NodeSet
                <input
                  value={nodeSetText}
                  placeholder="node[001-016,020]"
                  aria-invalid={!nodeSet.ok}
                  onChange={(event) => setNodeSetText(event.target.value)}
                />
              </label>
              <button type="button" disabled={!nodeSet.ok || !nodeSet.names} onClick={selectNodeSet}>
                Select these
              </button>
              <span className="subtle" role="status">
                {plural(columns.name.length, 'node')}, {rows.length.toLocaleString('en')} shown,{' '}
                {selected.size.toLocaleString('en')} selected
                {selected.size > 1 && <span className="mono"> ({foldNodeSet(selectedNames)})</span>}
              </span>
            </div>
            {!nodeSet.ok && (
              <p role="alert" className="error">
                {nodeSet.error}
              </p>
            )}
            <NodeTable
              columns={columns}
              rows={rows}
              selected={selected}
              order={order}
              onSort={sortBy}
              onClick={click}
            />
            <NewMachines machines={inventory.value?.newMachines ?? []} />
          </>
        )}
      </section>
      {single !== undefined ? (
        <NodeDetailPane name={single} revision={inventory.value} onOpenFile={onOpenFile} />
      ) : (
        <p className="viewer-empty subtle">Choose a node to see where each of its facts comes from.</p>
      )}
    </div>
  );
}
