import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../../shared/config/source.js';
import type { Diagnostic } from '../../../../shared/config/diagnostic.js';
import { ClusterProfileSchema, generateCluster } from '../../../../shared/cluster/generate.js';
import { buildModel } from '../../../../shared/cluster/model.js';
import {
  parseCluster,
  type ClusterInput,
  type ClusterTexts,
} from '../../../../shared/cluster/parse-cluster.js';
import { validate } from '../../../../shared/cluster/rules.js';
import type { FileRole } from '../../../../shared/workspace/cluster-files.js';

const paths: Record<FileRole, string> = {
  hosts: '/etc/hosts',
  'mosix-map': '/etc/mosix.map',
  'dhcpd-conf': '/etc/dhcpd.conf',
  exports: '/etc/exports',
  'dhcpd-leases': '/var/lib/dhcp/dhcpd.leases',
  'client-hosts': '/opt/ltsp/i386/etc/hosts',
  'client-mosix-map': '/opt/ltsp/i386/etc/mosix.map',
  'client-fstab': '/opt/ltsp/i386/etc/fstab',
  'lts-conf': '/opt/ltsp/i386/etc/lts.conf',
  'client-rc-local': '/opt/ltsp/i386/etc/rc.local',
};

const HOSTS = '192.168.0.254 mosix\n192.168.0.1 node001\n192.168.0.2 node002\n127.0.0.1 localhost\n';
const MAP = '1 192.168.0.254 1\n2 192.168.0.1 2\n';
const DHCPD = [
  'option routers 192.168.0.254;',
  'option root-path "192.168.0.254:/opt/ltsp/i386";',
  'subnet 192.168.0.0 netmask 255.255.255.0 {',
  '  range dynamic-bootp 192.168.0.100 192.168.0.200;',
  '  filename "/lts/vmlinuz";',
  '}',
  'host node001 { hardware ethernet 00:e0:06:e8:00:84; fixed-address 192.168.0.1; }',
  '',
].join('\n');

/** A small consistent cluster; each test breaks one thing. */
function cluster(
  changes: Partial<Record<FileRole, string | null>> = {},
  extra: Partial<ClusterInput> = {},
): ClusterInput {
  const texts: Record<FileRole, string> = {
    hosts: HOSTS,
    'mosix-map': MAP,
    'dhcpd-conf': DHCPD,
    exports: '/opt/ltsp/i386 192.168.0.0/255.255.255.0(ro,no_root_squash)\n',
    'dhcpd-leases': '',
    'client-hosts': HOSTS,
    'client-mosix-map': MAP,
    'client-fstab': 'none /mfs mfs dfsa=1 0 0\n',
    'lts-conf': '[Default]\n  SERVER = 192.168.0.254\n',
    'client-rc-local': 'echo 1 > /proc/mosix/admin/lstay\n/etc/rc.openmosix start\nmount /mfs\n',
  };
  const files: ClusterTexts = {};
  for (const role of Object.keys(texts) as FileRole[]) {
    const text = role in changes ? changes[role] : texts[role];
    if (text !== null && text !== undefined) files[role] = { path: paths[role], text };
  }
  return { files, clientRoot: '/opt/ltsp/i386', ...extra };
}

function check(input: ClusterInput): Diagnostic[] {
  const parsed = parseCluster(input);
  return validate(parsed, buildModel(parsed));
}

const codes = (input: ClusterInput) => check(input).map((d) => d.code);

function applyFix(input: ClusterInput, diagnostic: Diagnostic): ClusterInput {
  const files = { ...input.files };
  for (const [path, edits] of Object.entries(diagnostic.fix?.edits ?? {})) {
    const role = (Object.keys(paths) as FileRole[]).find((candidate) => paths[candidate] === path);
    const file = role ? files[role] : undefined;
    if (role && file) files[role] = { ...file, text: applyEdits(file.text, edits) };
  }
  return { ...input, files };
}

describe('validation rules', () => {
  it('find nothing wrong in a consistent cluster', () => {
    expect(check(cluster())).toEqual([]);
  });

  it('find nothing wrong in a generated cluster', () => {
    const profile = ClusterProfileSchema.parse({
      gateway: { name: 'mosix', address: '192.168.0.254' },
      network: { address: '192.168.0.0', netmask: '255.255.255.0' },
      nodes: { count: 40, firstAddress: '192.168.0.1', macs: { node002: '00:E0:06:E8:00:02' } },
    });
    const files = generateCluster(profile);
    const input = cluster(
      Object.fromEntries(Object.entries(paths).map(([role, path]) => [role, files[path] ?? null])),
    );
    expect(check(input)).toEqual([]);
  });

  it('catch the host name on the 127.0.0.1 line, and fix it', () => {
    const input = cluster({ hosts: HOSTS.replace('127.0.0.1 localhost', '127.0.0.1 mosix localhost') });
    const [finding] = check(input).filter((d) => d.code === 'hosts/name-on-loopback');
    expect(finding).toMatchObject({ severity: 'error', location: { file: '/etc/hosts', line: 4 } });
    expect(finding?.message).toContain('my IP address (127.0.0.1) is not there');
    const fixed = applyFix(input, finding as Diagnostic);
    expect(fixed.files.hosts?.text).toBe(HOSTS);
  });

  it('catch a client-root hosts that is a symlink, differs, or is missing', () => {
    expect(codes(cluster({}, {}))).not.toContain('client-root/hosts-symlink');
    const linked = cluster();
    linked.files['client-hosts'] = { path: paths['client-hosts'], text: HOSTS, symlinkTarget: '/etc/hosts' };
    expect(codes(linked)).toContain('client-root/hosts-symlink');
    const stale = cluster({ 'client-hosts': HOSTS.replace('node002', 'old002') });
    const [differs] = check(stale).filter((d) => d.code === 'client-root/hosts-differs');
    expect(applyFix(stale, differs as Diagnostic).files['client-hosts']?.text).toBe(HOSTS);
    expect(codes(cluster({ 'client-hosts': null }))).toContain('client-root/hosts-missing');
  });

  it('catch client-root maps that differ (openMosix will not start)', () => {
    expect(codes(cluster({ 'client-mosix-map': '1 192.168.0.254 1\n' }))).toContain(
      'client-root/map-differs',
    );
  });

  it('catch the gateway missing from the map, and map lines that overlap or name unknown hosts', () => {
    const map = '2 192.168.0.1 2\n3 192.168.0.9 1\n9 ghost 1\n';
    const found = codes(cluster({ 'mosix-map': map, 'client-mosix-map': map }));
    expect(found).toEqual(
      expect.arrayContaining([
        'map/gateway-missing',
        'map/overlapping-ids',
        'map/unresolved-host',
        'map/not-in-hosts',
      ]),
    );
  });

  it('catch a node missing from the map', () => {
    const hosts = `${HOSTS}192.168.0.3 node003\n`;
    const [finding] = check(cluster({ hosts, 'client-hosts': hosts })).filter(
      (d) => d.code === 'hosts/not-in-map',
    );
    expect(finding?.message).toBe('node003 (192.168.0.3) has no openMosix ID in /etc/mosix.map');
  });

  it('catch duplicates across hosts and dhcpd.conf', () => {
    const hosts = `${HOSTS}192.168.0.1 node009\n192.168.0.7 node002\n`;
    const dhcpd = `${DHCPD}host node009 { hardware ethernet 00:E0:06:E8:00:84; fixed-address 192.168.0.1; }\n`;
    const found = codes(cluster({ hosts, 'client-hosts': hosts, 'dhcpd-conf': dhcpd }));
    expect(found.filter((code) => code.startsWith('cluster/'))).toEqual(
      expect.arrayContaining([
        'cluster/duplicate-address',
        'cluster/duplicate-name',
        'cluster/duplicate-mac',
      ]),
    );
  });

  it('catch a fixed address inside the dynamic range and outside every subnet', () => {
    const dhcpd = `${DHCPD}host a { hardware ethernet 00:e0:06:e8:00:01; fixed-address 192.168.0.150; }\nhost b { hardware ethernet 00:e0:06:e8:00:02; fixed-address 10.9.9.9; }\n`;
    const found = check(cluster({ 'dhcpd-conf': dhcpd }));
    expect(found.find((d) => d.code === 'dhcpd/fixed-in-dynamic-range')?.message).toContain(
      '192.168.0.150 lies in the dynamic range 192.168.0.100–192.168.0.200',
    );
    expect(found.find((d) => d.code === 'dhcpd/outside-subnet')?.message).toContain('10.9.9.9');
  });

  it('catch a quoted fixed address inside the dynamic range as a plain one', () => {
    const dhcpd = `${DHCPD}host a { hardware ethernet 00:e0:06:e8:00:01; fixed-address "192.168.0.150"; }\n`;
    const found = check(cluster({ 'dhcpd-conf': dhcpd }));
    expect(found.find((d) => d.code === 'dhcpd/fixed-in-dynamic-range')?.message).toContain(
      '192.168.0.150 lies in the dynamic range',
    );
  });

  it('catch generated host names that disagree with hosts, as the seed’s FAQ warns', () => {
    const dhcpd = DHCPD.replace(
      '  filename "/lts/vmlinuz";',
      '  filename "/lts/vmlinuz";\n  option host-name = concat("node", binary-to-ascii(10, 8, "", substring(reverse(1, leased-address), 0, 1)));',
    );
    const hosts = `${HOSTS}192.168.0.150 node0150\n`;
    const [finding] = check(cluster({ 'dhcpd-conf': dhcpd, hosts, 'client-hosts': hosts })).filter(
      (d) => d.code === 'dhcpd/generated-name-mismatch',
    );
    expect(finding?.message).toContain('192.168.0.150 becomes node150');
  });

  it('catch the root-path that is not exported', () => {
    expect(codes(cluster({ exports: '/home 192.168.0.0/24(rw)\n' }))).toContain(
      'exports/root-path-not-exported',
    );
  });

  it('catch /mfs mounted without its fstab line, and fix it', () => {
    const input = cluster({ 'client-fstab': 'proc /proc proc defaults 0 0\n' });
    const [finding] = check(input).filter((d) => d.code === 'fstab/mfs-missing');
    expect(applyFix(input, finding as Diagnostic).files['client-fstab']?.text).toBe(
      'proc /proc proc defaults 0 0\nnone /mfs mfs dfsa=1 0 0\n',
    );
  });

  it('catch a boot file missing under the TFTP root, when the workspace can see it', () => {
    const tftp = { root: '/tftpboot', files: new Set(['/lts/other']) };
    expect(check(cluster({}, { tftp })).find((d) => d.code === 'tftp/boot-file-missing')?.message).toBe(
      'boot file /lts/vmlinuz is not under the TFTP root /tftpboot: nodes given it will not boot',
    );
    expect(codes(cluster({}, { tftp: { root: '/tftpboot', files: new Set(['/lts/vmlinuz']) } }))).toEqual([]);
  });

  it('report machines in the leases that no host block knows', () => {
    const leases =
      'lease 192.168.0.150 {\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n}\n';
    expect(check(cluster({ 'dhcpd-leases': leases }))).toEqual([
      expect.objectContaining({
        code: 'leases/new-machine',
        severity: 'info',
        location: { file: paths['dhcpd-leases'], line: 1, column: 1 },
      }),
    ]);
  });
});
