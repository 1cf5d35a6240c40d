/** Parses a cluster's file set: every file in its own format, plus what the rules need to know. */
import type { Diagnostic } from '../config/diagnostic.js';
import { parseExports, type ExportsFile } from '../config/exports.js';
import { parseFstab, type Fstab } from '../config/fstab.js';
import { parseHosts, type HostsFile } from '../config/hosts.js';
import { parseLtsConf, type LtsConf } from '../config/lts-conf.js';
import { parseMosixMap, type MosixMap } from '../config/mosix-map.js';
import { readOpenMosixStartup, type OpenMosixStartup } from '../config/rc-local.js';
import type { FileRole } from '../workspace/cluster-files.js';
import { parseDhcpdFacts, parseLeaseFacts, type ParsedDhcpd } from './dhcpd-adapter.js';
import type { LeaseFacts } from './dhcpd-facts.js';

export interface ClusterFileText {
  /** The file's path on the gateway. */
  path: string;
  text: string;
  /** Set when the file is a symlink (the seed's FAQ: the client root's hosts must be a real copy). */
  symlinkTarget?: string | undefined;
}

export type ClusterTexts = Partial<Record<FileRole, ClusterFileText>>;

export interface ClusterInput {
  files: ClusterTexts;
  /** The client root (the nodes' NFS root) the client-root files were read from. */
  clientRoot: string;
  /** What the TFTP root holds, when the workspace can see it: paths like `/lts/vmlinuz`. */
  tftp?: { root: string; files: ReadonlySet<string> } | undefined;
}

export interface ParsedCluster {
  input: ClusterInput;
  hosts?: HostsFile;
  map?: MosixMap;
  dhcpd?: ParsedDhcpd;
  leases?: { file: string; leases: LeaseFacts[] };
  exports?: ExportsFile;
  clientHosts?: HostsFile;
  clientMap?: MosixMap;
  fstab?: Fstab;
  lts?: LtsConf;
  rcLocal?: { file: string; steps: OpenMosixStartup };
  /** Every file's own syntax diagnostics. */
  diagnostics: Diagnostic[];
}

/** `known`: files parsed already (reading a folder parses dhcpd.conf to find the client root). */
export function parseCluster(
  input: ClusterInput,
  known: { dhcpd?: ParsedDhcpd | undefined } = {},
): ParsedCluster {
  const { files } = input;
  const parsed: ParsedCluster = { input, diagnostics: [] };
  const read = <T extends { diagnostics: Diagnostic[] }>(
    role: FileRole,
    parse: (text: string, file: string) => T,
  ) => {
    const file = files[role];
    if (!file) return undefined;
    const result = parse(file.text, file.path);
    parsed.diagnostics.push(...result.diagnostics);
    return result;
  };
  const assign = <K extends keyof ParsedCluster>(key: K, value: ParsedCluster[K] | undefined) => {
    if (value !== undefined) parsed[key] = value;
  };
  assign('hosts', read('hosts', parseHosts));
  assign('map', read('mosix-map', parseMosixMap));
  const reuse = known.dhcpd && known.dhcpd.conf.text === files['dhcpd-conf']?.text ? known.dhcpd : undefined;
  assign('dhcpd', read('dhcpd-conf', reuse ? () => reuse : parseDhcpdFacts));
  assign('leases', read('dhcpd-leases', parseLeaseFacts));
  assign('exports', read('exports', parseExports));
  assign('clientHosts', read('client-hosts', copyOf(parsed.hosts, parseHosts)));
  assign('clientMap', read('client-mosix-map', copyOf(parsed.map, parseMosixMap)));
  assign('fstab', read('client-fstab', parseFstab));
  assign('lts', read('lts-conf', parseLtsConf));
  const rcLocal = files['client-rc-local'];
  if (rcLocal) parsed.rcLocal = { file: rcLocal.path, steps: readOpenMosixStartup(rcLocal.text) };
  return parsed;
}

/**
 * Parses a client-root copy; when it is byte for byte the gateway's file, reuses that parse
 * under the copy's own name (a 65,535-node hosts file is not read twice).
 */
function copyOf<T extends { text: string; file: string; diagnostics: Diagnostic[] }>(
  original: T | undefined,
  parse: (text: string, file: string) => T,
): (text: string, file: string) => T {
  return (text, file) => {
    if (original?.text !== text) return parse(text, file);
    const relabel = (diagnostic: Diagnostic): Diagnostic => ({
      ...diagnostic,
      location: { ...diagnostic.location, file },
    });
    const copy = Object.create(original) as T;
    return Object.assign(copy, { file, diagnostics: original.diagnostics.map(relabel) });
  };
}

/** The client root named by dhcpd's root-path (`server:/path`), else the first export that looks like one. */
export function detectClientRoot(
  rootPath: string | undefined,
  exports: ExportsFile | undefined,
): string | undefined {
  const fromRootPath = rootPath?.includes(':') ? rootPath.slice(rootPath.indexOf(':') + 1) : rootPath;
  if (fromRootPath?.startsWith('/')) return fromRootPath.replace(/\/+$/, '') || '/';
  return exports?.entries.find((entry) => /ltsp|nfsroot|client|diskless/i.test(entry.path))?.path;
}
