/** The checks a write target passes before anything is written, shared by the CLI and the console. */
import { stat } from 'node:fs/promises';
import { refusalFor, type Drive } from '../../shared/image/drives.js';
import { AppError } from '../../shared/ipc/errors.js';
import { listDrives } from './drives.js';

export type CheckedTarget =
  { kind: 'file'; path: string; existingBytes?: number } | { kind: 'drive'; drive: Drive };

/**
 * A drive must be one lsblk lists and `refusalFor` accepts (`typedName` confirms a fixed
 * drive); a file must be a regular file or not exist yet.
 */
export async function checkTarget(
  target: string,
  sourcePath: string,
  imageBytes: number,
  typedName?: string,
): Promise<CheckedTarget> {
  const stats = await stat(target).catch(() => undefined);
  if (!stats?.isBlockDevice()) {
    if (stats && !stats.isFile())
      throw new AppError('invalid-input', `${target} is neither a drive nor an image file`);
    return stats ? { kind: 'file', path: target, existingBytes: stats.size } : { kind: 'file', path: target };
  }
  const drive = (await listDrives(sourcePath)).find(
    (candidate) => candidate.path === target || candidate.name === target,
  );
  if (!drive)
    throw new AppError(
      'invalid-input',
      `${target} is not a whole drive lsblk lists (a partition? write to the drive itself)`,
    );
  const refusal = refusalFor(drive, imageBytes, typedName);
  if (refusal) throw new AppError('forbidden', refusal);
  return { kind: 'drive', drive };
}
