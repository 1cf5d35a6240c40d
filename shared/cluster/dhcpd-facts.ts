/** What the cluster model needs from dhcpd.conf and dhcpd.leases, each fact with its line. */

/** A value as written and its line (dhcpd.conf's own values are of this shape, so they are reused). */
export interface LineValue {
  text: string;
  line: number;
}

/** Read-only: the values are made when read (see `parseDhcpdFacts`). */
export interface DhcpdHostFacts {
  readonly name: string;
  readonly line: number;
  readonly lastLine: number;
  readonly macs: readonly LineValue[];
  readonly addresses: readonly LineValue[];
  readonly filename?: LineValue | undefined;
}

/** The host blocks by position, their values made when read: for readers of all of them. */
export interface DhcpdHostTableFacts {
  readonly count: number;
  name(host: number): string;
  line(host: number): number;
  macs(host: number): readonly LineValue[];
  addresses(host: number): readonly LineValue[];
  /** The texts alone, for readers that want no line. */
  macText(host: number): string | undefined;
  addressTexts(host: number): readonly string[];
  /** Read in place, for readers of every host block: no text is made. */
  nameIs(host: number, name: string): boolean;
  /** The MAC as a 48-bit number; -1 when there is none or it is not six hex octets (read `macText`). */
  macNumber(host: number): number;
  addressCount(host: number): number;
  /** Fixed address `position` as an IPv4 number; -1 when it is not a dotted quad (read `addressTexts`). */
  addressIpv4(host: number, position: number): number;
  filename(host: number): LineValue | undefined;
}

export interface DhcpdRangeFacts {
  start: string;
  end: string;
  dynamicBootp: boolean;
  line: number;
}

export interface DhcpdSubnetFacts {
  network: string;
  netmask: string;
  line: number;
  ranges: DhcpdRangeFacts[];
}

export interface DhcpdFacts {
  file: string;
  subnets: DhcpdSubnetFacts[];
  /** The host blocks as objects, made when first read. */
  readonly hosts: DhcpdHostFacts[];
  hostTable: DhcpdHostTableFacts;
  rootPath?: LineValue;
  nextServer?: LineValue;
  routers?: LineValue;
  /** Every `filename` outside host blocks (the default boot files, often per PXE/non-PXE branch). */
  defaultFilenames: LineValue[];
  /** `option host-name = concat("node", binary-to-ascii(10, 8, "", …))`: the generated names' prefix. */
  generatedNamePrefix?: LineValue;
}

export interface LeaseFacts {
  address: string;
  mac?: string;
  state?: string;
  ends?: string;
  clientHostname?: string;
  vendorClass?: string;
  line: number;
}
