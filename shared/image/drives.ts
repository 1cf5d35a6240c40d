/**
 * The drives an image may be written to, from `lsblk --json -b -o NAME,PATH,SIZE,MODEL,TRAN,
 * RM,HOTPLUG,MOUNTPOINTS,TYPE,RO`: system drives, drives with a system mount, the drive holding
 * the source and read-only drives are never offered; fixed (non-removable) drives only after a
 * deliberate "show all" with the drive's name typed.
 */
import { z } from 'zod';

export const LSBLK_COLUMNS = 'NAME,PATH,SIZE,MODEL,TRAN,RM,HOTPLUG,MOUNTPOINTS,TYPE,RO';

const flag = z
  .union([z.boolean(), z.string(), z.number()])
  .transform((value) => value === true || value === '1' || value === 1);

interface LsblkDevice {
  name: string;
  path: string;
  size: number;
  model?: string | null | undefined;
  tran?: string | null | undefined;
  rm: boolean;
  hotplug: boolean;
  mountpoints: (string | null)[];
  type: string;
  ro: boolean;
  children?: LsblkDevice[] | undefined;
}

const LsblkDeviceSchema: z.ZodType<LsblkDevice, unknown> = z.lazy(() =>
  z.object({
    name: z.string(),
    path: z.string(),
    size: z.union([z.number(), z.string()]).transform(Number),
    model: z.string().nullish(),
    tran: z.string().nullish(),
    rm: flag,
    hotplug: flag,
    mountpoints: z.array(z.string().nullable()).default([]),
    type: z.string(),
    ro: flag,
    children: z.array(LsblkDeviceSchema).optional(),
  }),
);

export const LsblkSchema = z.object({ blockdevices: z.array(LsblkDeviceSchema) });

export type DriveVerdict =
  | { offered: true }
  /** `overridable`: "show all drives" may offer it, once the admin types its name. */
  | { offered: false; reason: string; overridable: boolean };

export interface Drive {
  name: string;
  path: string;
  bytes: number;
  model?: string;
  bus?: string;
  removable: boolean;
  mountpoints: string[];
  verdict: DriveVerdict;
}

/** Mounts where desktops put removable media; any other mount makes a drive a system drive. */
const REMOVABLE_MOUNTS = /^\/(media|run\/media|mnt)(\/|$)/;

function allMountpoints(device: LsblkDevice): string[] {
  const own = device.mountpoints.filter((mount): mount is string => mount !== null);
  return [...own, ...(device.children ?? []).flatMap(allMountpoints)];
}

function verdictFor(
  device: LsblkDevice,
  mountpoints: string[],
  sourceDisks: ReadonlySet<string>,
): DriveVerdict {
  const systemMount = mountpoints.find((mount) => !REMOVABLE_MOUNTS.test(mount));
  if (sourceDisks.has(device.path))
    return { offered: false, reason: 'holds the image being written', overridable: false };
  if (systemMount !== undefined)
    return { offered: false, reason: `system drive (mounted at ${systemMount})`, overridable: false };
  if (device.ro) return { offered: false, reason: 'read-only', overridable: false };
  if (device.size === 0) return { offered: false, reason: 'no medium', overridable: false };
  if (!device.rm && !device.hotplug)
    return { offered: false, reason: 'fixed drive (not removable)', overridable: true };
  return { offered: true };
}

/**
 * Every whole disk (and loop device) lsblk lists, each with its verdict. `sourceDisks`: the
 * paths of the disks the source image lives on.
 */
export function classifyDrives(lsblk: unknown, sourceDisks: ReadonlySet<string> = new Set()): Drive[] {
  const { blockdevices } = LsblkSchema.parse(lsblk);
  return blockdevices
    .filter((device) => device.type === 'disk' || device.type === 'loop')
    .map((device) => {
      const mountpoints = allMountpoints(device);
      const drive: Drive = {
        name: device.name,
        path: device.path,
        bytes: device.size,
        removable: device.rm || device.hotplug,
        mountpoints,
        verdict: verdictFor(device, mountpoints, sourceDisks),
      };
      if (device.model) drive.model = device.model.trim();
      if (device.tran) drive.bus = device.tran;
      return drive;
    });
}

/** The drives to show: the offered ones, and with `showAll` the overridable ones too. */
export function drivesToShow(drives: readonly Drive[], showAll: boolean): Drive[] {
  return drives.filter((drive) => drive.verdict.offered || (showAll && drive.verdict.overridable));
}

/** Why this image may not go to this drive, or undefined when it may. `typedName` confirms a fixed drive. */
export function refusalFor(drive: Drive, imageBytes: number, typedName?: string): string | undefined {
  const { verdict } = drive;
  if (!verdict.offered && !verdict.overridable) return `${drive.path} is not offered: ${verdict.reason}`;
  if (!verdict.offered && typedName !== drive.name && typedName !== drive.path)
    return `${drive.path} is a ${verdict.reason}: type its name (${drive.name}) to write to it`;
  if (imageBytes > drive.bytes)
    return `the image (${imageBytes} bytes) is larger than ${drive.path} (${drive.bytes} bytes)`;
  return undefined;
}
