/** Reads the cluster model's facts out of the dhcpd.conf and dhcpd.leases parsers' views. */
import type { Diagnostic } from '../config/diagnostic.js';
import {
  addHost,
  parseDhcpdConf,
  parseUndatedLeases,
  removeHost,
  renameHost,
  setHostAddress,
  setHostMac,
  type DhcpdConf,
  type DhcpdHostTable,
  type DhcpdOption,
  type DhcpdSetting,
} from '../config/dhcpd/index.js';
import type { TextEdit } from '../config/source.js';
import type {
  DhcpdFacts,
  DhcpdHostFacts,
  DhcpdHostTableFacts,
  LeaseFacts,
  LineValue,
} from './dhcpd-facts.js';

/** Edits of dhcpd.conf the operations make, against the text that was parsed. */
export interface DhcpdEditor {
  addHost(host: { name: string; mac: string; address: string }): TextEdit[];
  removeHost(name: string): TextEdit[];
  setHostMac(name: string, mac: string): TextEdit[];
  setHostAddress(name: string, address: string): TextEdit[];
  renameHost(oldName: string, newName: string): TextEdit[];
}

export interface ParsedDhcpd {
  conf: DhcpdConf;
  facts: DhcpdFacts;
  diagnostics: Diagnostic[];
  editor: DhcpdEditor;
}

const optionValue = (option: DhcpdOption | undefined): LineValue | undefined =>
  option ? { text: option.values[0]?.text ?? option.text, line: option.line } : undefined;

/** `concat("node", binary-to-ascii(10, 8, "", substring(reverse(1, leased-address), 0, 1)))` → `node`. */
const LAST_OCTET_NAME =
  /^concat\(\s*"([^"]*)"\s*,\s*binary-to-ascii\(\s*10\s*,\s*8\s*,\s*""\s*,\s*substring\(\s*reverse\(\s*1\s*,\s*leased-address\s*\)\s*,\s*0\s*,\s*1\s*\)\s*\)\s*\)$/;

function generatedNamePrefix(conf: DhcpdConf): LineValue | undefined {
  const expression = conf.globals.hostNameExpression;
  const prefix = LAST_OCTET_NAME.exec(
    expression?.text.replace(/\s+/g, ' ').replace(/\s*\(\s*/g, '(') ?? '',
  )?.[1];
  return expression && prefix !== undefined ? { text: prefix, line: expression.line } : undefined;
}

const outsideHosts = (setting: DhcpdSetting) => setting.scopes.every((scope) => scope.keyword !== 'host');

/**
 * The hosts' facts, read from the parser's host table when asked: 65,535 hosts are not copied,
 * and their values are made only while a reader needs them.
 */
class HostTableFacts implements DhcpdHostTableFacts {
  constructor(private readonly table: DhcpdHostTable) {}

  get count(): number {
    return this.table.count;
  }

  name(host: number): string {
    return this.table.nameText(host);
  }

  line(host: number): number {
    return this.table.firstLine(host);
  }

  lastLine(host: number): number {
    return this.table.lastLine(host);
  }

  macs(host: number): LineValue[] {
    const mac = this.table.mac(host);
    return mac ? [mac] : [];
  }

  addresses(host: number): LineValue[] {
    return this.table.fixedAddresses(host);
  }

  macText(host: number): string | undefined {
    return this.table.macText(host);
  }

  addressTexts(host: number): string[] {
    return this.table.fixedAddressTexts(host);
  }

  nameIs(host: number, name: string): boolean {
    return this.table.nameIs(host, name);
  }

  macNumber(host: number): number {
    return this.table.macNumber(host);
  }

  addressCount(host: number): number {
    return this.table.fixedAddressCount(host);
  }

  addressIpv4(host: number, position: number): number {
    return this.table.fixedIpv4(host, position);
  }

  filename(host: number): LineValue | undefined {
    return this.table.filename(host);
  }
}

/** One row of the host table as an object. */
class HostFacts implements DhcpdHostFacts {
  constructor(
    private readonly table: HostTableFacts,
    private readonly host: number,
  ) {}

  get name(): string {
    return this.table.name(this.host);
  }

  get line(): number {
    return this.table.line(this.host);
  }

  get lastLine(): number {
    return this.table.lastLine(this.host);
  }

  get macs(): LineValue[] {
    return this.table.macs(this.host);
  }

  get addresses(): LineValue[] {
    return this.table.addresses(this.host);
  }

  get filename(): LineValue | undefined {
    return this.table.filename(this.host);
  }
}

function factsOf(conf: DhcpdConf): DhcpdFacts {
  const { globals } = conf;
  const hostTable = new HostTableFacts(conf.hostTable);
  let hosts: DhcpdHostFacts[] | undefined;
  const facts: DhcpdFacts = {
    file: conf.file,
    subnets: conf.subnets.map((subnet) => ({
      network: subnet.network,
      netmask: subnet.netmask,
      line: subnet.line,
      ranges: subnet.ranges.map(({ start, end, dynamicBootp, line }) => ({ start, end, dynamicBootp, line })),
    })),
    get hosts() {
      return (hosts ??= Array.from({ length: hostTable.count }, (_, host) => new HostFacts(hostTable, host)));
    },
    hostTable,
    defaultFilenames: globals.filenames.filter(outsideHosts).map((setting) => setting.value),
  };
  const rootPath = optionValue(globals.options['root-path']);
  const routers = optionValue(globals.options['routers']);
  const nextServer = globals.nextServers.find((setting) => setting.scopes.length === 0);
  const prefix = generatedNamePrefix(conf);
  if (rootPath) facts.rootPath = rootPath;
  if (routers) facts.routers = routers;
  if (nextServer) facts.nextServer = nextServer.value;
  if (prefix) facts.generatedNamePrefix = prefix;
  return facts;
}

export function parseDhcpdFacts(text: string, file: string): ParsedDhcpd {
  const conf = parseDhcpdConf(text, file);
  return {
    conf,
    facts: factsOf(conf),
    diagnostics: conf.diagnostics,
    editor: {
      addHost: ({ name, mac, address }) => addHost(conf, { name, mac, ip: address }),
      removeHost: (name) => removeHost(conf, name),
      setHostMac: (name, mac) => setHostMac(conf, name, mac),
      setHostAddress: (name, address) => setHostAddress(conf, name, address),
      renameHost: (oldName, newName) => renameHost(conf, oldName, newName),
    },
  };
}

export function parseLeaseFacts(
  text: string,
  file: string,
): { file: string; leases: LeaseFacts[]; diagnostics: Diagnostic[] } {
  const parsed = parseUndatedLeases(text, file);
  const leases = parsed.leases.map((lease): LeaseFacts => {
    const facts: LeaseFacts = { address: lease.ip, line: lease.line };
    if (lease.macAsWritten !== undefined) facts.mac = lease.macAsWritten;
    if (lease.bindingState !== undefined) facts.state = lease.bindingState;
    if (lease.ends !== undefined) facts.ends = lease.ends;
    if (lease.clientHostname !== undefined) facts.clientHostname = lease.clientHostname;
    if (lease.vendorClass !== undefined) facts.vendorClass = lease.vendorClass;
    return facts;
  });
  return { file, leases, diagnostics: parsed.diagnostics };
}
