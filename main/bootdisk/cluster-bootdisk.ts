/** The boot disk for a workspace: its iPXE script made from what the cluster's dhcpd.conf says. */
import {
  bootServerFromDhcpd,
  checkBootScriptOptions,
  ipxeScript,
  type BootScriptOptions,
  type BootServer,
  type ChainMode,
  type StaticFallback,
} from '../../shared/bootdisk/ipxe-script.js';
import { AppError } from '../../shared/ipc/errors.js';
import { loadClusterFolder } from '../config/load-cluster.js';
import type { PathOverrides } from '../config/cluster-folder.js';
import { buildBootdisk, type BootdiskFormat } from './build-bootdisk.js';

export interface ClusterBootdiskRequest {
  /** A folder mirroring the gateway's `/`. */
  root: string;
  overrides?: PathOverrides;
  format: BootdiskFormat;
  out: string;
  nic: 'auto' | number;
  chain: ChainMode;
  /** Take the fixed boot filename from this node's host block rather than the cluster default. */
  node?: string;
  /** Replace what dhcpd.conf says. */
  nextServer?: string;
  filename?: string;
  staticFallback?: StaticFallback;
  menuTimeoutSeconds?: number;
}

export interface BuiltBootdisk {
  out: string;
  bytes: number;
  script: string;
  /** Where a fixed chain or the static fallback boots from, when known. */
  server?: BootServer;
}

async function serverFor(request: ClusterBootdiskRequest): Promise<BootServer | undefined> {
  const { nextServer, filename } = request;
  if (nextServer !== undefined && filename !== undefined) return { nextServer, filename };
  const { cluster } = await loadClusterFolder(request.root, request.overrides);
  const facts = cluster.dhcpd?.facts;
  const needed = request.chain === 'fixed' || request.staticFallback !== undefined;
  if (!facts) {
    if (needed)
      throw new AppError(
        'not-found',
        `no dhcpd.conf under ${request.root}: give the next-server and filename`,
      );
    return undefined;
  }
  const found = bootServerFromDhcpd(facts, { node: request.node, nextServer });
  if (!found.ok) {
    if (needed) throw new AppError('invalid-input', found.error);
    return undefined;
  }
  return filename === undefined ? found.server : { ...found.server, filename };
}

export async function buildClusterBootdisk(request: ClusterBootdiskRequest): Promise<BuiltBootdisk> {
  const server = await serverFor(request);
  const options: BootScriptOptions = { nic: request.nic, chain: request.chain };
  if (server) options.server = server;
  if (request.staticFallback) options.staticFallback = request.staticFallback;
  if (request.menuTimeoutSeconds !== undefined) options.menuTimeoutSeconds = request.menuTimeoutSeconds;
  const problems = checkBootScriptOptions(options);
  if (problems.length > 0) throw new AppError('invalid-input', problems.join('; '));
  const script = ipxeScript(options);
  const bytes = await buildBootdisk({ format: request.format, script, out: request.out });
  return server ? { out: request.out, bytes, script, server } : { out: request.out, bytes, script };
}
