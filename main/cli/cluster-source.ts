/**
 * Where the cluster commands find the cluster: a folder mirroring the gateway's `/` (--root) or
 * the live gateway over SSH (--host user@gateway), read and written with the same rules. Host
 * keys are never accepted silently: an unknown key fails unless --accept-new is given.
 */
import type { FileChange } from '../../shared/cluster/operations.js';
import { writeClusterChanges, type PathOverrides } from '../config/cluster-folder.js';
import { loadClusterFolder, type LoadedCluster } from '../config/load-cluster.js';
import { GatewayFiles } from '../services/gateway-files.js';
import { snapshotGateway } from '../services/gateway-snapshot.js';
import { changesAgainst, refusalOf } from '../services/gateway-workspace.js';
import { cliSshPool, resolveCliTarget } from './cli-ssh.js';
import { CliError, EXIT_FAILURE } from './exit-codes.js';

export interface SourceOptions {
  root?: string | undefined;
  host?: string | undefined;
  'accept-new'?: boolean | undefined;
  'dhcpd-conf'?: string | undefined;
  map?: string | undefined;
  'client-root'?: string | undefined;
}

export interface WrittenPath {
  path: string;
  backup?: string;
}

export interface OpenedCluster {
  loaded: LoadedCluster;
  /** The folder, or ssh://user@host for a gateway. */
  label: string;
  write(changes: readonly FileChange[]): Promise<WrittenPath[]>;
  dispose(): Promise<void>;
}

function overridesOf(values: SourceOptions): PathOverrides {
  const overrides: PathOverrides = {};
  if (values['dhcpd-conf'] !== undefined) overrides['dhcpd-conf'] = values['dhcpd-conf'];
  if (values.map !== undefined) overrides['mosix-map'] = values.map;
  if (values['client-root'] !== undefined) overrides.clientRoot = values['client-root'];
  return overrides;
}

async function openFolder(root: string, overrides: PathOverrides): Promise<OpenedCluster> {
  const loaded = await loadClusterFolder(root, overrides);
  return {
    loaded,
    label: loaded.read.root,
    write: (changes) => writeClusterChanges(loaded.read, changes),
    dispose: () => Promise.resolve(),
  };
}

async function openGateway(destination: string, values: SourceOptions): Promise<OpenedCluster> {
  const target = await resolveCliTarget(destination);
  const pool = cliSshPool({ acceptNew: values['accept-new'] === true, connectAttempts: 1 });
  try {
    const snapshot = await snapshotGateway(pool, target);
    const dispose = async () => {
      await snapshot.dispose();
      await pool.dispose();
    };
    const loaded = await loadClusterFolder(snapshot.root, overridesOf(values)).catch(
      async (error: unknown) => {
        await dispose();
        throw error;
      },
    );
    const files = new GatewayFiles(pool, target, snapshot.clientRoot);
    const write = async (changes: readonly FileChange[]): Promise<WrittenPath[]> => {
      const outcome = await files.write(asCliError(() => changesAgainst(snapshot, changes)));
      const refusal = refusalOf(outcome, 'Run the command again.');
      if (refusal) throw new CliError(refusal.message, EXIT_FAILURE);
      return outcome.kind === 'written'
        ? outcome.files.map((file) => ({ path: file.path, backup: file.backup }))
        : [];
    };
    return {
      loaded,
      label: `ssh://${target.username}@${target.host}${target.port === 22 ? '' : `:${target.port}`}`,
      write,
      dispose,
    };
  } catch (error) {
    await pool.dispose();
    throw error;
  }
}

function asCliError<T>(task: () => T): T {
  try {
    return task();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

export async function openCluster(values: SourceOptions): Promise<OpenedCluster> {
  if ((values.root === undefined) === (values.host === undefined))
    throw new CliError("give either --root DIR (a folder mirroring the gateway's /) or --host user@gateway");
  try {
    return values.host === undefined
      ? await openFolder(values.root ?? '', overridesOf(values))
      : await openGateway(values.host, values);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError((error as Error).message);
  }
}
