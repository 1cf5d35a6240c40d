/**
 * A node's live state as one fan-out poll reads it: a fixed shell command prints the node's
 * `/proc` files in marked sections, and the pure parser below turns that output into numbers.
 * openMosix nodes also print their own entry of `/proc/hpc/nodes/<ID>/` (their ID is in
 * `/proc/hpc/admin/mospe`); every Linux node has `/proc/loadavg`, `/proc/meminfo` and
 * `/proc/uptime`.
 */

import type { LiveNode } from '../ipc/contract.js';

/** One command for every node: no value in it comes from outside, so nothing needs quoting. */
export const LIVE_POLL_COMMAND = [
  'echo "== loadavg"; cat /proc/loadavg',
  'echo "== meminfo"; cat /proc/meminfo',
  'echo "== uptime"; cat /proc/uptime',
  'if [ -r /proc/hpc/admin/mospe ]; then id=$(cat /proc/hpc/admin/mospe); echo "== hpc $id";' +
    ' for f in load status mem tmem; do printf "%s " "$f"; cat "/proc/hpc/nodes/$id/$f" 2>/dev/null || echo; done; fi',
].join('; ');

export interface OpenMosixState {
  /** The node's openMosix ID (`/proc/hpc/admin/mospe`). */
  id: number;
  /** openMosix's own load figure; -101 means the node is not live. */
  load?: number | undefined;
  /** The raw status bits of `/proc/hpc/nodes/<ID>/status`. */
  status?: number | undefined;
}

export interface LiveReading {
  /** 1, 5 and 15 minute load averages. */
  load: [number, number, number];
  memTotalKiB: number;
  /** MemAvailable, or on kernels without it (2.4), MemFree + Buffers + Cached. */
  memAvailableKiB: number;
  uptimeSeconds: number;
  openMosix?: OpenMosixState;
}

export type LiveParse = { ok: true; reading: LiveReading } | { ok: false; error: string };

function sections(output: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    const header = /^== (\S+)(?: (.*))?$/.exec(line);
    if (header) {
      current = header[2] === undefined ? [] : [header[2]];
      found.set(header[1] ?? '', current);
    } else if (current && line.trim() !== '') current.push(line);
  }
  return found;
}

function number(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : undefined;
}

function parseLoad(lines: string[] | undefined): LiveReading['load'] | undefined {
  const [one, five, fifteen] = (lines?.[0] ?? '').trim().split(/\s+/).map(number);
  return one === undefined || five === undefined || fifteen === undefined ? undefined : [one, five, fifteen];
}

function parseMemory(lines: string[] | undefined): { total: number; available: number } | undefined {
  const kib = new Map<string, number>();
  for (const line of lines ?? []) {
    const match = /^(\w+):\s+(\d+)/.exec(line);
    if (match) kib.set(match[1] ?? '', Number(match[2]));
  }
  const total = kib.get('MemTotal');
  const free = kib.get('MemFree');
  const available =
    kib.get('MemAvailable') ??
    (free === undefined ? undefined : free + (kib.get('Buffers') ?? 0) + (kib.get('Cached') ?? 0));
  return total === undefined || available === undefined ? undefined : { total, available };
}

function parseOpenMosix(lines: string[] | undefined): OpenMosixState | undefined {
  const [idLine, ...fields] = lines ?? [];
  const id = number(idLine);
  if (id === undefined) return undefined;
  const field = (name: string) =>
    number(fields.find((line) => line.startsWith(`${name} `))?.slice(name.length + 1));
  return { id, load: field('load'), status: field('status') };
}

/** Reads what LIVE_POLL_COMMAND printed; says which part is missing or garbled. */
export function parseLiveOutput(output: string): LiveParse {
  const found = sections(output);
  const load = parseLoad(found.get('loadavg'));
  if (!load) return { ok: false, error: 'no load averages in /proc/loadavg' };
  const memory = parseMemory(found.get('meminfo'));
  if (!memory) return { ok: false, error: 'no MemTotal/MemFree in /proc/meminfo' };
  const uptimeSeconds = number((found.get('uptime')?.[0] ?? '').trim().split(/\s+/)[0]);
  if (uptimeSeconds === undefined) return { ok: false, error: 'no uptime in /proc/uptime' };
  const openMosix = parseOpenMosix(found.get('hpc'));
  const reading = { load, memTotalKiB: memory.total, memAvailableKiB: memory.available, uptimeSeconds };
  return { ok: true, reading: openMosix ? { ...reading, openMosix } : reading };
}

/** `3 d 4 h`, `5 h 12 min`, `42 s`: how long a node has been up, to the two largest units. */
export function formatUptime(seconds: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ];
  let rest = Math.floor(seconds);
  const parts: string[] = [];
  for (const [unit, size] of units) {
    if (parts.length === 2) break;
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || (parts.length > 0 && size > 1)) parts.push(`${count} ${unit}`);
  }
  return parts.length > 0 ? parts.join(' ') : '0 s';
}

/** `1.2 of 3.8 GiB used`. */
/** The share of memory in use, 0 to 1. */
export function memoryUsed(reading: Pick<LiveReading, 'memTotalKiB' | 'memAvailableKiB'>): number {
  return (reading.memTotalKiB - reading.memAvailableKiB) / reading.memTotalKiB;
}

export function formatMemory(totalKiB: number, availableKiB: number): string {
  const gib = (kib: number) => kib / 1_048_576;
  const unit = gib(totalKiB) >= 1 ? 'GiB' : 'MiB';
  const scale = unit === 'GiB' ? gib : (kib: number) => kib / 1024;
  const used = scale(Math.max(0, totalKiB - availableKiB));
  return `${used.toFixed(1)} of ${scale(totalKiB).toFixed(1)} ${unit} used`;
}

/** `ID 3, load 12` or `ID 3, not live` (openMosix reports load −101 for a node that is not live). */
export function formatOpenMosix(state: OpenMosixState): string {
  if (state.load === -101) return `ID ${state.id}, not live`;
  const load = state.load === undefined ? '' : `, load ${state.load}`;
  const status = state.status === undefined ? '' : `, status ${state.status}`;
  return `ID ${state.id}${load}${status}`;
}

/** The live columns a table sorts by. */
export type LiveSortColumn = 'reachable' | 'load' | 'memory' | 'uptime' | 'openMosix';

const REACHABILITY_ORDER = { up: 0, failed: 1, unreachable: 2 } as const;
const NOT_POLLED = 3;
/** Keys beyond every real value, ordered by reachability. */
const AFTER_VALUES = Number.MAX_SAFE_INTEGER - NOT_POLLED;

function reachabilityRank(node: LiveNode | undefined): number {
  return node ? REACHABILITY_ORDER[node.state] : NOT_POLLED;
}

/**
 * A node's key for sorting by a live column, smallest first: answering nodes by their value,
 * then those whose /proc could not be read, the unreachable, and the not yet polled.
 */
export function liveSortKey(node: LiveNode | undefined, column: LiveSortColumn): number {
  if (column === 'reachable') return reachabilityRank(node);
  if (node?.state !== 'up') return AFTER_VALUES + reachabilityRank(node);
  switch (column) {
    case 'load':
      return node.load[0];
    case 'memory':
      return memoryUsed(node);
    case 'uptime':
      return node.uptimeSeconds;
    case 'openMosix':
      return node.openMosix?.load ?? AFTER_VALUES;
  }
}
