import { z } from 'zod';

/** What a cluster file is for; one role can live at several conventional paths. */
export const fileRoles = [
  'hosts',
  'mosix-map',
  'dhcpd-conf',
  'exports',
  'dhcpd-leases',
  'client-hosts',
  'client-mosix-map',
  'client-fstab',
  'lts-conf',
  'client-rc-local',
] as const;
export type FileRole = (typeof fileRoles)[number];

export interface KnownFile {
  role: FileRole;
  title: string;
  /** Absolute gateway paths, the conventional one first. */
  paths: readonly string[];
}

export const CLIENT_ROOT = '/opt/ltsp/i386';

/** The files Clusterdeck manages, for a client root at `clientRoot` (the NFS-exported root of the nodes). */
export function knownFilesFor(clientRoot: string): KnownFile[] {
  return [
    { role: 'hosts', title: 'Host names', paths: ['/etc/hosts'] },
    {
      role: 'mosix-map',
      title: 'openMosix map',
      paths: ['/etc/mosix.map', '/etc/openmosix.map', '/etc/hpc.map'],
    },
    { role: 'dhcpd-conf', title: 'DHCP server', paths: ['/etc/dhcpd.conf', '/etc/dhcp/dhcpd.conf'] },
    { role: 'exports', title: 'NFS exports', paths: ['/etc/exports'] },
    {
      role: 'dhcpd-leases',
      title: 'DHCP leases',
      paths: ['/var/lib/dhcp/dhcpd.leases', '/var/lib/dhcpd/dhcpd.leases'],
    },
    { role: 'client-hosts', title: 'Client root host names', paths: [`${clientRoot}/etc/hosts`] },
    {
      role: 'client-mosix-map',
      title: 'Client root openMosix map',
      paths: [`${clientRoot}/etc/mosix.map`, `${clientRoot}/etc/openmosix.map`, `${clientRoot}/etc/hpc.map`],
    },
    { role: 'client-fstab', title: 'Client root fstab', paths: [`${clientRoot}/etc/fstab`] },
    { role: 'lts-conf', title: 'LTSP client settings', paths: [`${clientRoot}/etc/lts.conf`] },
    { role: 'client-rc-local', title: 'Client root startup script', paths: [`${clientRoot}/etc/rc.local`] },
  ];
}

export const knownFiles: readonly KnownFile[] = knownFilesFor(CLIENT_ROOT);

/** The roles that live in the client root, read once the client root is known. */
export const clientRootRoles: readonly FileRole[] = [
  'client-hosts',
  'client-mosix-map',
  'client-fstab',
  'lts-conf',
  'client-rc-local',
];

const allKnownPaths = new Set(knownFiles.flatMap((file) => file.paths));

export function isKnownPath(path: string): boolean {
  return allKnownPaths.has(path);
}

export const GatewayPathSchema = z
  .string()
  .refine(isKnownPath, { message: 'is not one of the cluster files Clusterdeck manages' });

export const ClusterFileSchema = z.discriminatedUnion('found', [
  z.object({
    role: z.enum(fileRoles),
    title: z.string(),
    path: z.string(),
    found: z.literal(true),
    size: z.number().int().nonnegative(),
    modifiedMs: z.number(),
    symlinkTarget: z.string().optional(),
  }),
  z.object({
    role: z.enum(fileRoles),
    title: z.string(),
    path: z.string(),
    found: z.literal(false),
    /** Other paths that were looked at for the same role. */
    alsoTried: z.array(z.string()),
  }),
]);
export type ClusterFile = z.infer<typeof ClusterFileSchema>;
