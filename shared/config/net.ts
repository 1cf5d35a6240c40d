/** IPv4 and MAC address arithmetic the config files need. */

/** The address as a number, or -1 when the text is not a dotted-quad IPv4 address. */
export function ipv4ToNumber(text: string): number {
  return ipv4NumberAt(text, 0, text.length);
}

/** `ipv4ToNumber` of text[start, end), read in place. */
export function ipv4NumberAt(text: string, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots += 1;
    } else if (code >= 48 && code <= 57) {
      // No leading zeros (`01`), which some tools read as octal.
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + code - 48;
      digits += 1;
      if (octet > 255) return -1;
    } else {
      return -1;
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
}

export function isIpv4(text: string): boolean {
  return ipv4ToNumber(text) !== -1;
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

export function numberToIpv4(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
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
  const value = ipv4ToNumber(address);
  return value !== -1 && (value & net.mask) >>> 0 === net.network;
}

export function isLoopback(address: string): boolean {
  return isLoopbackAt(address, 0, address.length);
}

/** `isLoopback` of text[start, end), read in place. */
export function isLoopbackAt(text: string, start: number, end: number): boolean {
  return text.startsWith('127.', start) || (end - start === 3 && text.startsWith('::1', start));
}

/** A hex digit's value, or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/**
 * A MAC as dhcpd needs it: six two-digit hex octets, separated by `:` or `-`. Read character by
 * character: the rules check 65,535 of them, and a regular expression costs several times more.
 */
export function isMac(text: string): boolean {
  return macNumberAt(text, 0, text.length) !== -1;
}

/** The MAC written in text[start, end) as a 48-bit number, read in place; -1 when `isMac` would say no. */
export function macNumberAt(text: string, start: number, end: number): number {
  if (end - start !== 17) return -1;
  let value = 0;
  for (let i = 0; i < 17; i++) {
    const code = text.charCodeAt(start + i);
    if (i % 3 === 2) {
      if (code !== 58 && code !== 45) return -1;
      continue;
    }
    const digit = hexDigit(code);
    if (digit === -1) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Lower case with colons, for comparing MACs written in different styles. */
export function normalizeMac(text: string): string {
  return isNormalMac(text) ? text : text.toLowerCase().replaceAll('-', ':');
}

/** Most MACs are written normalised already: a scan is cheaper than two new strings each. */
function isNormalMac(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 45 || (code >= 65 && code <= 90)) return false;
  }
  return true;
}
