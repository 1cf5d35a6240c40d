/**
 * A dhcpd.conf for a cluster of `count` nodes (`node00001`…), 253 to a /24 as the openMosix
 * tutorial numbers them, across 192.168.0.0/16 and on into 192.169.0.0/16: 65,535 nodes make
 * about 5.6 MB.
 */
export function generatedClusterConf(count: number): string {
  const lines = [
    'ddns-update-style none;',
    'option domain-name "mosix";',
    'shared-network NODES {',
    'subnet 192.168.0.0 netmask 255.255.0.0 { range dynamic-bootp 192.168.255.1 192.168.255.200; }',
    'subnet 192.169.0.0 netmask 255.255.0.0 { }',
    '}',
    'group {',
    'use-host-decl-names on;',
  ];
  for (let node = 1; node <= count; node += 1) {
    lines.push(
      `host ${nodeName(node)} {`,
      `hardware ethernet ${nodeMac(node)};`,
      `fixed-address ${nodeAddress(node)};`,
      '}',
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function nodeName(node: number): string {
  return `node${String(node).padStart(5, '0')}`;
}

export function nodeMac(node: number): string {
  const octets = [2, 0, 0, node >> 16, (node >> 8) & 255, node & 255];
  return octets.map((octet) => octet.toString(16).padStart(2, '0')).join(':');
}

export function nodeAddress(node: number): string {
  const block = Math.floor((node - 1) / 253);
  return `192.${168 + Math.floor(block / 255)}.${block % 255}.${((node - 1) % 253) + 1}`;
}
