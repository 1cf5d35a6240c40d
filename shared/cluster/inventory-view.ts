/**
 * What the inventory table shows of the inventory's columns: the rows a text or NodeSet filter
 * keeps, in the order a column sorts them, and a selection made by click, shift-click or
 * NodeSet. Rows are indices into the columns, so 65,535 of them cost one number each.
 */
import { ipv4ToNumber } from '../config/net.js';
import type { LiveNode } from '../ipc/contract.js';
import type { InventoryColumns } from './inventory.js';
import { liveSortKey, type LiveSortColumn } from './live-state.js';
import { expandNodeSet } from './nodeset.js';

export type FileSortColumn =
  'name' | 'addresses' | 'macs' | 'mosixId' | 'bootFile' | 'dhcp' | 'lease' | 'problems';
export type SortColumn = FileSortColumn | LiveSortColumn;

const LIVE_SORT_COLUMNS: ReadonlySet<SortColumn> = new Set<LiveSortColumn>([
  'reachable',
  'load',
  'memory',
  'uptime',
  'openMosix',
]);

export function isLiveSortColumn(column: SortColumn): column is LiveSortColumn {
  return LIVE_SORT_COLUMNS.has(column);
}

export interface SortOrder {
  column: SortColumn;
  descending: boolean;
}

export type NodeSetFilter =
  { ok: true; names: ReadonlySet<string> | undefined } | { ok: false; error: string };

/** A NodeSet filter ('' keeps every node). */
export function nodeSetFilter(text: string): NodeSetFilter {
  if (text.trim() === '') return { ok: true, names: undefined };
  const expanded = expandNodeSet(text.trim());
  return expanded.ok ? { ok: true, names: new Set(expanded.nodes) } : { ok: false, error: expanded.error };
}

/** Every row, in the columns' order. */
export function allRows(columns: InventoryColumns): number[] {
  return columns.name.map((_, row) => row);
}

/** Each row's name, addresses and MACs in lower case, searched by one `includes` per row. */
export function searchTexts(columns: InventoryColumns): string[] {
  return columns.name.map((name, row) =>
    `${name}\t${columns.addresses[row] ?? ''}\t${columns.macs[row] ?? ''}`.toLowerCase(),
  );
}

/**
 * The rows (kept in their order) whose name, addresses or MAC contain `text` (any case) and
 * whose name is in `names`. Sorting once and filtering the sorted rows keeps typing cheap.
 */
export function filterRows(
  columns: InventoryColumns,
  rows: readonly number[],
  text: string,
  names: ReadonlySet<string> | undefined,
  /** `searchTexts(columns)`, when the caller keeps them. */
  texts?: readonly string[],
): number[] {
  const needle = text.trim().toLowerCase();
  if (needle === '' && !names) return [...rows];
  const haystacks = needle === '' ? [] : (texts ?? searchTexts(columns));
  return rows.filter(
    (row) =>
      (!names || names.has(columns.name[row] ?? '')) &&
      (needle === '' || (haystacks[row] ?? '').includes(needle)),
  );
}

/** `node9` before `node10`: runs of digits padded, so plain string order is natural order. */
const naturalKey = (text: string) => text.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));

function firstAddressValue(addresses: string): number {
  const first = addresses.split(' ', 1)[0] ?? '';
  const value = ipv4ToNumber(first);
  return value === -1 ? Number.MAX_SAFE_INTEGER : value;
}

/** One key per row for `column`, so sorting 65,535 rows compares precomputed values. */
function sortKeys(
  columns: InventoryColumns,
  column: SortColumn,
  live: Readonly<Record<string, LiveNode>>,
): Array<number | string> {
  if (isLiveSortColumn(column)) return columns.name.map((name) => liveSortKey(live[name], column));
  switch (column) {
    case 'addresses':
      return columns.addresses.map(firstAddressValue);
    case 'mosixId':
      return columns.mosixId.map((id) => (id === 0 ? Number.MAX_SAFE_INTEGER : id));
    case 'problems':
      return columns.errors.map((errors, row) => -(errors * 100_000 + (columns.warnings[row] ?? 0)));
    default:
      return columns[column].map(naturalKey);
  }
}

/** The rows in `order`; live columns sort by the latest poll (`live`, by node name). */
export function sortRows(
  columns: InventoryColumns,
  rows: readonly number[],
  order: SortOrder,
  live: Readonly<Record<string, LiveNode>> = {},
): number[] {
  const keys = sortKeys(columns, order.column, live);
  const direction = order.descending ? -1 : 1;
  const compareKeys = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => direction * compareKeys(keys[a] ?? '', keys[b] ?? '') || a - b);
}

/**
 * The selection after a click on `row`: alone; with shift, the rows from the anchor to it as
 * they are shown; with ctrl (or cmd), toggled.
 */
export function clickSelection(
  selected: ReadonlySet<number>,
  shown: readonly number[],
  anchor: number | undefined,
  row: number,
  modifiers: { shift: boolean; toggle: boolean },
): Set<number> {
  if (modifiers.shift && anchor !== undefined) {
    const from = shown.indexOf(anchor);
    const to = shown.indexOf(row);
    if (from !== -1 && to !== -1) {
      const [low, high] = from <= to ? [from, to] : [to, from];
      return new Set([...(modifiers.toggle ? selected : []), ...shown.slice(low, high + 1)]);
    }
  }
  if (modifiers.toggle) {
    const toggled = new Set(selected);
    if (toggled.has(row)) toggled.delete(row);
    else toggled.add(row);
    return toggled;
  }
  return new Set([row]);
}

/** The rows named by a NodeSet. */
export function rowsNamed(columns: InventoryColumns, names: ReadonlySet<string>): Set<number> {
  const rows = new Set<number>();
  columns.name.forEach((name, row) => {
    if (names.has(name)) rows.add(row);
  });
  return rows;
}
