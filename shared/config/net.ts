/** IPv4 and MAC address arithmetic the config files need. */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

function ipv6Groups(part: string): string[] {
  return part === '' ? [] : part.split(':');
}

/** IPv6 in its text forms: eight hex groups, one `::` for a run of zeros, an optional IPv4 tail. */
export function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap(ipv6Groups);
  const last = groups.at(-1) ?? '';
  const tailIsIpv4 = last.includes('.');
  if (tailIsIpv4 && !isIpv4(last)) return false;
  const hexGroups = tailIsIpv4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  const size = hexGroups.length + (tailIsIpv4 ? 2 : 0);
  return halves.length === 2 ? size < 8 : size === 8;
}

export function ipv4ToNumber(text: string): number {
  return text.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function addToIpv4(text: string, offset: number): string | undefined {
  const value = ipv4ToNumber(text) + offset;
  return value >= 0 && value <= 0xffffffff ? numberToIpv4(value) : undefined;
}

export interface Ipv4Network {
  network: number;
  mask: number;
}

export function parseNetwork(address: string, netmask: string): Ipv4Network | undefined {
  if (!isIpv4(address) || !isIpv4(netmask)) return undefined;
  const mask = ipv4ToNumber(netmask);
  return { network: (ipv4ToNumber(address) & mask) >>> 0, mask };
}

export function inNetwork(address: string, net: Ipv4Network): boolean {
  return isIpv4(address) && (ipv4ToNumber(address) & net.mask) >>> 0 === net.network;
}

export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}

const MAC = /^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}$/;

/** A MAC as dhcpd needs it: six two-digit hex octets. */
export function isMac(text: string): boolean {
  return MAC.test(text);
}

/** Lower case with colons, for comparing MACs written in different styles. */
export function normalizeMac(text: string): string {
  return text.toLowerCase().replaceAll('-', ':');
}
