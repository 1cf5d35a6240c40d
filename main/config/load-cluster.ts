/** A gateway mirror read, parsed and merged: what `check`, `nodes`, the node commands and the console start from. */
import type { Diagnostic } from '../../shared/config/diagnostic.js';
import { buildModel, type ClusterModel } from '../../shared/cluster/model.js';
import { parseCluster, type ParsedCluster } from '../../shared/cluster/parse-cluster.js';
import { readClusterFolder, type PathOverrides, type ReadCluster } from './cluster-folder.js';

export interface LoadedCluster {
  read: ReadCluster;
  cluster: ParsedCluster;
  model: ClusterModel;
}

export async function loadClusterFolder(root: string, overrides: PathOverrides = {}): Promise<LoadedCluster> {
  const read = await readClusterFolder(root, overrides);
  const cluster = parseCluster(read.input, read);
  return { read, cluster, model: buildModel(cluster) };
}

export function summarise(diagnostics: readonly Diagnostic[]): {
  errors: number;
  warnings: number;
  notes: number;
} {
  const count = (severity: Diagnostic['severity']) =>
    diagnostics.filter((d) => d.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), notes: count('info') };
}
