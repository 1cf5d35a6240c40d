import { useDeferredValue, useEffect, useMemo, useState, type FormEvent, type MouseEvent } from 'react';
import {
  allRows,
  clickSelection,
  filterRows,
  nodeSetFilter,
  rowsNamed,
  searchTexts,
  isLiveSortColumn,
  sortRows,
  type SortColumn,
  type SortOrder,
} from '../../shared/cluster/inventory-view.js';
import { expandNodeSet, foldNodeSet } from '../../shared/cluster/nodeset.js';
import { addToIpv4 } from '../../shared/config/net.js';
import type { Inventory, LiveState, Workspace } from '../../shared/ipc/contract.js';
import { invoke } from '../api/api.js';
import { NodeDetailPane, type FilePlace, type ReviewRequest } from '../components/node-detail.js';
import { OperationReview } from '../components/operation-review.js';
import { NodeTable } from '../components/node-table.js';
import { plural } from '../format.js';
import { useLiveState } from '../hooks/use-live-state.js';
import { useWorkspaceQuery } from '../hooks/use-workspace-query.js';

interface NodesPageProps {
  workspace: Workspace;
  onOpenFile: (place: FilePlace) => void;
}

interface NewMachinesProps {
  machines: Inventory['newMachines'];
  onReview: (request: ReviewRequest) => void;
}

function NewMachines({ machines, onReview }: NewMachinesProps) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  if (machines.length === 0) return null;
  const toggle = (mac: string) => {
    const next = new Set(chosen);
    if (next.has(mac)) next.delete(mac);
    else next.add(mac);
    setChosen(next);
  };
  const adopt = () => {
    const macs = machines.filter((machine) => chosen.has(machine.mac)).map((machine) => machine.mac);
    onReview({ title: `Adopt ${plural(macs.length, 'new machine')}`, operation: { kind: 'adopt', macs } });
  };
  return (
    <section className="new-machines" aria-label="New machines">
      <h2>New machines</h2>
      <p className="subtle">
        Machines that took a DHCP lease but that no host block knows. Adopting one gives it the next free
        name, fixed address and openMosix ID in every file.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Adopt</th>
            <th scope="col">MAC</th>
            <th scope="col">Leased address</th>
            <th scope="col">State</th>
            <th scope="col">Calls itself</th>
          </tr>
        </thead>
        <tbody>
          {machines.map((machine) => (
            <tr key={machine.mac}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Adopt ${machine.mac}`}
                  checked={chosen.has(machine.mac)}
                  onChange={() => toggle(machine.mac)}
                />
              </td>
              <td className="mono">{machine.mac}</td>
              <td className="mono">{machine.address}</td>
              <td>{machine.state}</td>
              <td>{machine.clientHostname || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" disabled={chosen.size === 0} onClick={adopt}>
        Adopt {plural(chosen.size, 'machine')}…
      </button>
    </section>
  );
}

/** How often the gateway's nodes are polled, and what the latest poll found. */
function LivePolling({ live }: { live: LiveState }) {
  const [seconds, setSeconds] = useState(String(live.intervalSeconds));
  const [error, setError] = useState<string>();
  const nodes = Object.values(live.nodes);
  const reachable = nodes.filter((node) => node.state !== 'unreachable').length;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void invoke('nodes:set-live-interval', { seconds: Number(seconds) }).then((result) =>
      setError(result.ok ? undefined : result.error.message),
    );
  };
  return (
    <form className="node-tools" aria-label="Live state" onSubmit={submit}>
      <label>
        Poll nodes every
        <input
          type="number"
          min={1}
          max={3600}
          step="any"
          className="narrow"
          value={seconds}
          onChange={(event) => setSeconds(event.target.value)}
        />
        s
      </label>
      <button type="submit" disabled={Number(seconds) === live.intervalSeconds}>
        Set
      </button>
      <span className="subtle" role="status" aria-label="Live poll">
        {live.problem !== undefined
          ? `No live state: ${live.problem}`
          : live.polledAt === undefined
            ? 'First poll running…'
            : `${reachable} of ${plural(nodes.length, 'node')} reachable at ${new Date(live.polledAt).toLocaleTimeString('en-GB')}`}
      </span>
      {error !== undefined && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </form>
  );
}

/** `node[254-300]` from a first address on, each node the next address. */
function AddNodesForm({ onReview }: { onReview: (request: ReviewRequest) => void }) {
  const [names, setNames] = useState('');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expanded = expandNodeSet(names.trim());
    if (!expanded.ok) return setError(expanded.error);
    const nodes = expanded.nodes.map((name, index) => ({
      name,
      address: addToIpv4(address.trim(), index) ?? '',
    }));
    if (nodes.some((node) => node.address === '')) return setError(`'${address}' is not an IPv4 address`);
    setError(undefined);
    onReview({ title: `Add ${foldNodeSet(expanded.nodes)}`, operation: { kind: 'add', nodes } });
  };
  return (
    <form className="node-tools" aria-label="Add nodes" onSubmit={submit}>
      <label>
        Add nodes{' '}
        <input value={names} placeholder="node[254-300]" onChange={(e) => setNames(e.target.value)} />
      </label>
      <label>
        from address{' '}
        <input value={address} placeholder="192.168.1.1" onChange={(e) => setAddress(e.target.value)} />
      </label>
      <button type="submit" disabled={names.trim() === '' || address.trim() === ''}>
        Preview…
      </button>
      {error !== undefined && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </form>
  );
}

/** Every node of the workspace at a glance: filter, sort, select, and read one node's facts. */
export function NodesPage({ workspace, onOpenFile }: NodesPageProps) {
  const inventory = useWorkspaceQuery('nodes:list', workspace);
  const live = useLiveState();
  const columns = inventory.value?.columns;
  const [text, setText] = useState('');
  const [nodeSetText, setNodeSetText] = useState('');
  /** Undefined: as the files list the nodes. */
  const [order, setOrder] = useState<SortOrder>();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<number>();
  const [review, setReview] = useState<ReviewRequest>();
  const deferredText = useDeferredValue(text);
  const nodeSet = useMemo(() => nodeSetFilter(nodeSetText), [nodeSetText]);
  /** Made when the first filter is typed, then kept for these columns. */
  const texts = useMemo(() => {
    let made: string[] | undefined;
    return () => (made ??= columns ? searchTexts(columns) : []);
  }, [columns]);
  /** A live column's order follows every poll; the files' columns ignore them. */
  const liveNodes = order && isLiveSortColumn(order.column) ? live?.nodes : undefined;
  const sorted = useMemo(() => {
    if (!columns) return [];
    return order ? sortRows(columns, allRows(columns), order, liveNodes) : allRows(columns);
  }, [columns, order, liveNodes]);
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
              live={live}
            />
            {live?.polling && <LivePolling live={live} />}
            <AddNodesForm onReview={setReview} />
            <NewMachines machines={inventory.value?.newMachines ?? []} onReview={setReview} />
          </>
        )}
      </section>
      {review ? (
        <OperationReview
          key={JSON.stringify(review.operation)}
          title={review.title}
          operation={review.operation}
          workspace={workspace}
          onClose={() => setReview(undefined)}
        />
      ) : single !== undefined ? (
        <NodeDetailPane
          name={single}
          revision={inventory.value}
          onOpenFile={onOpenFile}
          onReview={setReview}
        />
      ) : (
        <p className="viewer-empty subtle">Choose a node to see where each of its facts comes from.</p>
      )}
    </div>
  );
}
