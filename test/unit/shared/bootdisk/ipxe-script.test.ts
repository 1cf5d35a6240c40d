import { describe, expect, it } from 'vitest';
import { parseDhcpdFacts } from '../../../../shared/cluster/dhcpd-adapter.js';
import {
  bootServerFromDhcpd,
  checkBootScriptOptions,
  ipxeScript,
  syslinuxConfig,
} from '../../../../shared/bootdisk/ipxe-script.js';

const server = { nextServer: '192.168.0.254', filename: '/lts/vmlinuz' };

describe('the boot disk’s iPXE script', () => {
  it('does DHCP on every NIC and chains what dhcpd names, with the shell on failure', () => {
    expect(ipxeScript({ nic: 'auto', chain: 'dhcp' })).toBe(
      [
        '#!ipxe',
        '# Made by Clusterdeck: network boot for the cluster, an iPXE shell when it fails.',
        ':netboot',
        'dhcp || goto failed',
        'chain tftp://${next-server}/${filename} || goto failed',
        ':failed',
        'echo Network boot failed: the iPXE shell follows (type "help", or "autoboot" to retry).',
        ':shell',
        'shell',
        '',
      ].join('\n'),
    );
  });

  it('chains a fixed file on a chosen NIC, falls back to a static address, and shows a menu', () => {
    const script = ipxeScript({
      nic: 1,
      chain: 'fixed',
      server,
      staticFallback: { address: '192.168.0.77', netmask: '255.255.255.0', gateway: '192.168.0.254' },
      menuTimeoutSeconds: 5,
    });
    expect(script).toContain('choose --default netboot --timeout 5000 target || goto netboot\n');
    expect(script).toContain(
      'dhcp net1 || goto static\nchain tftp://192.168.0.254//lts/vmlinuz || goto failed\n',
    );
    expect(script).toContain(
      'set net1/ip 192.168.0.77\nset net1/netmask 255.255.255.0\nset net1/gateway 192.168.0.254\nifopen net1 || goto failed\n',
    );
  });

  it('refuses what iPXE would misread, each problem named', () => {
    expect(
      checkBootScriptOptions({
        nic: 40,
        chain: 'fixed',
        server: { nextServer: '192.168.0.300', filename: '${evil}' },
        menuTimeoutSeconds: -1,
      }),
    ).toEqual([
      "NIC number 40 is not one of iPXE's net0 … net31",
      'next-server "192.168.0.300" is not an IPv4 address',
      'boot filename "${evil}" may hold only letters, digits and . _ / + -',
      'menu timeout -1 is not a whole number of seconds from 0 to 3600',
    ]);
    expect(() => ipxeScript({ nic: 'auto', chain: 'fixed' })).toThrow(
      'a fixed boot file or a static fallback needs the next-server and the boot filename',
    );
  });

  it('has SYSLINUX boot iPXE with the script as its initrd', () => {
    expect(syslinuxConfig()).toBe(
      'DEFAULT ipxe\nPROMPT 0\nLABEL ipxe\n  KERNEL ipxe.krn\n  INITRD boot.ipxe\n',
    );
  });
});

describe('the boot server from dhcpd.conf', () => {
  const conf = [
    'next-server 192.168.0.254;',
    'subnet 192.168.0.0 netmask 255.255.255.0 { filename "/lts/pxe/pxelinux.bin"; }',
    'host node001 { hardware ethernet 00:e0:06:e8:00:84; fixed-address 192.168.0.1; filename "/lts/n1"; }',
    'host node002 { hardware ethernet 00:e0:06:e8:00:85; fixed-address 192.168.0.2; }',
    '',
  ].join('\n');
  const facts = parseDhcpdFacts(conf, '/etc/dhcpd.conf').facts;

  it('is the cluster default, or a node’s own file', () => {
    expect(bootServerFromDhcpd(facts)).toEqual({
      ok: true,
      server: { nextServer: '192.168.0.254', filename: '/lts/pxe/pxelinux.bin' },
    });
    expect(bootServerFromDhcpd(facts, { node: 'node001', nextServer: '10.0.0.1' })).toEqual({
      ok: true,
      server: { nextServer: '10.0.0.1', filename: '/lts/n1' },
    });
  });

  it('says what dhcpd.conf lacks', () => {
    expect(bootServerFromDhcpd(facts, { node: 'node002' })).toEqual({
      ok: false,
      error: '/etc/dhcpd.conf names no filename for host node002 (line 4)',
    });
    expect(bootServerFromDhcpd(facts, { node: 'node009' })).toEqual({
      ok: false,
      error: '/etc/dhcpd.conf has no host block for node009',
    });
    const bare = parseDhcpdFacts('subnet 10.0.0.0 netmask 255.0.0.0 { }\n', '/etc/dhcp/dhcpd.conf').facts;
    expect(bootServerFromDhcpd(bare)).toEqual({
      ok: false,
      error: '/etc/dhcp/dhcpd.conf has no global next-server: give the server address',
    });
  });
});
