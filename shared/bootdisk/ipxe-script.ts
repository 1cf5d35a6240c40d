/**
 * The iPXE script and SYSLINUX configuration of a network boot disk. SYSLINUX loads
 * Debian's `ipxe.lkrn` with the script as its initrd; iPXE runs a `#!ipxe` initrd as its
 * first image (proven in QEMU, see docs/bootdisks.md).
 */
import type { DhcpdFacts } from '../cluster/dhcpd-facts.js';

/** `dhcp`: chain the boot file dhcpd names; `fixed`: chain `server` whatever dhcpd says. */
export type ChainMode = 'dhcp' | 'fixed';

export interface BootServer {
  nextServer: string;
  filename: string;
}

export interface StaticFallback {
  address: string;
  netmask: string;
  gateway?: string;
}

export interface BootScriptOptions {
  /** `auto` tries every NIC; a number picks iPXE's `netN`. */
  nic: 'auto' | number;
  chain: ChainMode;
  /** Where a `fixed` chain and the static fallback boot from. */
  server?: BootServer;
  /** Used when DHCP gets no answer. */
  staticFallback?: StaticFallback;
  /** Shows a menu (network boot / iPXE shell) that picks the network boot after this many seconds. */
  menuTimeoutSeconds?: number;
}

export const SCRIPT_FILE = 'boot.ipxe';
export const IPXE_KERNEL_FILE = 'ipxe.krn';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** Characters a TFTP path may hold without iPXE's `${…}` expansion or URI escaping touching it. */
const SAFE_PATH = /^[A-Za-z0-9._/+-]+$/;

/** What is wrong with the options, one message each; empty when a script can be made. */
export function checkBootScriptOptions(options: BootScriptOptions): string[] {
  const problems: string[] = [];
  const { server, staticFallback } = options;
  if (options.nic !== 'auto' && (!Number.isInteger(options.nic) || options.nic < 0 || options.nic > 31))
    problems.push(`NIC number ${options.nic} is not one of iPXE's net0 … net31`);
  if ((options.chain === 'fixed' || staticFallback) && !server)
    problems.push('a fixed boot file or a static fallback needs the next-server and the boot filename');
  if (server && !IPV4.test(server.nextServer))
    problems.push(`next-server "${server.nextServer}" is not an IPv4 address`);
  if (server && !SAFE_PATH.test(server.filename))
    problems.push(`boot filename "${server.filename}" may hold only letters, digits and . _ / + -`);
  const addresses: [string, string | undefined][] = [
    ['address', staticFallback?.address],
    ['netmask', staticFallback?.netmask],
    ['gateway', staticFallback?.gateway],
  ];
  for (const [label, value] of addresses)
    if (value !== undefined && !IPV4.test(value))
      problems.push(`static ${label} "${value}" is not an IPv4 address`);
  const timeout = options.menuTimeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 0 || timeout > 3600))
    problems.push(`menu timeout ${timeout} is not a whole number of seconds from 0 to 3600`);
  return problems;
}

function tftpUrl(server: BootServer): string {
  return `tftp://${server.nextServer}/${server.filename}`;
}

function menuLines(timeoutSeconds: number): string[] {
  return [
    'menu Clusterdeck network boot',
    'item netboot Boot from the network',
    'item shell iPXE shell',
    `choose --default netboot --timeout ${timeoutSeconds * 1000} target || goto netboot`,
    'goto ${target}',
  ];
}

function staticLines(nic: string, fallback: StaticFallback, server: BootServer): string[] {
  return [
    ':static',
    `echo No DHCP answer: booting from ${fallback.address} as configured`,
    `set ${nic}/ip ${fallback.address}`,
    `set ${nic}/netmask ${fallback.netmask}`,
    ...(fallback.gateway === undefined ? [] : [`set ${nic}/gateway ${fallback.gateway}`]),
    `ifopen ${nic} || goto failed`,
    `chain ${tftpUrl(server)} || goto failed`,
  ];
}

/** The script, or the reasons it cannot be made (see `checkBootScriptOptions`). */
export function ipxeScript(options: BootScriptOptions): string {
  const problems = checkBootScriptOptions(options);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const nic = options.nic === 'auto' ? '' : `net${options.nic}`;
  const { server, staticFallback } = options;
  const onNoAnswer = staticFallback ? 'goto static' : 'goto failed';
  const chainUrl =
    options.chain === 'fixed' && server ? tftpUrl(server) : 'tftp://${next-server}/${filename}';
  const lines = [
    '#!ipxe',
    '# Made by Clusterdeck: network boot for the cluster, an iPXE shell when it fails.',
    ...(options.menuTimeoutSeconds === undefined ? [] : menuLines(options.menuTimeoutSeconds)),
    ':netboot',
    `dhcp${nic === '' ? '' : ` ${nic}`} || ${onNoAnswer}`,
    `chain ${chainUrl} || goto failed`,
    ...(staticFallback && server ? staticLines(nic || 'net0', staticFallback, server) : []),
    ':failed',
    'echo Network boot failed: the iPXE shell follows (type "help", or "autoboot" to retry).',
    ':shell',
    'shell',
  ];
  return `${lines.join('\n')}\n`;
}

/** SYSLINUX boots iPXE at once, with the script as its initrd. */
export function syslinuxConfig(): string {
  return [
    'DEFAULT ipxe',
    'PROMPT 0',
    'LABEL ipxe',
    `  KERNEL ${IPXE_KERNEL_FILE}`,
    `  INITRD ${SCRIPT_FILE}`,
    '',
  ].join('\n');
}

export type ServerFromDhcpd = { ok: true; server: BootServer } | { ok: false; error: string };

/**
 * The next-server and boot filename dhcpd.conf gives a node (its host block's filename) or,
 * without a node, the first filename outside host blocks (for iPXE, the PXEClient branch).
 */
export function bootServerFromDhcpd(
  facts: DhcpdFacts,
  choice: { node?: string | undefined; nextServer?: string | undefined } = {},
): ServerFromDhcpd {
  const { node } = choice;
  const nextServer = choice.nextServer ?? facts.nextServer?.text;
  if (nextServer === undefined)
    return { ok: false, error: `${facts.file} has no global next-server: give the server address` };
  const host = node === undefined ? undefined : facts.hosts.find((candidate) => candidate.name === node);
  if (node !== undefined && !host) return { ok: false, error: `${facts.file} has no host block for ${node}` };
  const filename = host ? host.filename : facts.defaultFilenames[0];
  if (!filename) {
    const where = host ? `host ${host.name} (line ${host.line})` : 'outside host blocks';
    return { ok: false, error: `${facts.file} names no filename for ${where}` };
  }
  return { ok: true, server: { nextServer, filename: filename.text } };
}
