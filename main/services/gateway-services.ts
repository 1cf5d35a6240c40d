/**
 * The gateway's cluster services (dhcpd, the TFTP server, NFS, openMosix): their status and a
 * restart, through whatever the gateway has — systemd, `service`, or bare init scripts.
 */
import type { ExecResult, SshPool } from '../ssh/ssh-pool.js';
import type { SshTarget } from '../ssh/target.js';

export const clusterServices = ['dhcpd', 'tftpd', 'nfs', 'openmosix'] as const;
export type ClusterService = (typeof clusterServices)[number];

/** The names distributions give each service's unit or init script, most common first. */
const UNIT_NAMES: Record<ClusterService, readonly string[]> = {
  dhcpd: ['isc-dhcp-server', 'dhcpd', 'dhcp3-server', 'dhcp'],
  tftpd: ['tftpd-hpa', 'tftp-hpa', 'atftpd', 'tftpd', 'xinetd'],
  nfs: ['nfs-kernel-server', 'nfs-server', 'nfs', 'nfsserver'],
  openmosix: ['openmosix', 'mosix'],
};

export type ServiceManager = 'systemd' | 'service' | 'init.d';

export type ServiceStatus =
  | { service: ClusterService; state: 'not-installed'; tried: readonly string[] }
  | {
      service: ClusterService;
      state: 'running' | 'stopped';
      manager: ServiceManager;
      unit: string;
      /** What the status command printed, for the user to read. */
      output: string;
    };

/**
 * Prints the manager and the first unit found. A fixed script: the only values in it are the
 * quoted unit names, passed as arguments.
 */
const DETECT = `
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  for unit in "$@"; do
    if systemctl cat "$unit.service" >/dev/null 2>&1; then echo "systemd $unit"; exit 0; fi
  done
fi
for unit in "$@"; do
  if [ -x "/etc/init.d/$unit" ]; then
    if command -v service >/dev/null 2>&1; then echo "service $unit"; else echo "init.d $unit"; fi
    exit 0
  fi
done
echo none
`;

const SYSTEM_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function control(manager: ServiceManager, unit: string, action: 'status' | 'restart'): string[] {
  switch (manager) {
    case 'systemd':
      return action === 'status' ? ['systemctl', 'is-active', unit] : ['systemctl', 'restart', unit];
    case 'service':
      return ['service', unit, action];
    case 'init.d':
      return [`/etc/init.d/${unit}`, action];
  }
}

export class GatewayServices {
  constructor(
    private readonly pool: SshPool,
    private readonly target: SshTarget,
  ) {}

  private run(argv: readonly string[]): Promise<ExecResult> {
    return this.pool.exec(this.target, ['env', SYSTEM_PATH, ...argv]);
  }

  private async locate(
    service: ClusterService,
  ): Promise<{ manager: ServiceManager; unit: string } | undefined> {
    const found = await this.run(['sh', '-c', DETECT, 'detect', ...UNIT_NAMES[service]]);
    const [manager, unit] = found.stdout.trim().split(' ');
    if (manager === 'systemd' || manager === 'service' || manager === 'init.d')
      return unit === undefined ? undefined : { manager, unit };
    return undefined;
  }

  async status(service: ClusterService): Promise<ServiceStatus> {
    const located = await this.locate(service);
    if (!located) return { service, state: 'not-installed', tried: UNIT_NAMES[service] };
    const result = await this.run(control(located.manager, located.unit, 'status'));
    // LSB and systemd agree: status exit 0 means running.
    const state = result.code === 0 ? 'running' : 'stopped';
    return { service, state, ...located, output: `${result.stdout}${result.stderr}`.trim() };
  }

  /** Restarts the service; returns its status afterwards, with the restart's output on failure. */
  async restart(service: ClusterService): Promise<ServiceStatus & { restartOutput?: string }> {
    const located = await this.locate(service);
    if (!located) return { service, state: 'not-installed', tried: UNIT_NAMES[service] };
    const result = await this.run(control(located.manager, located.unit, 'restart'));
    const after = await this.status(service);
    return result.code === 0 ? after : { ...after, restartOutput: `${result.stdout}${result.stderr}`.trim() };
  }
}
