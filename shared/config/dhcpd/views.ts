import { BLOCK, CONDITIONAL, STATEMENT, type NodeTable } from './nodes.js';
import type { DhcpdBlock, DhcpdStatement, Expression } from './syntax.js';
import type { TokenTable } from './tokenize.js';
import type { DhcpdTree } from './tree.js';

/**
 * What the cluster model reads out of dhcpd.conf: subnets and their ranges, hosts, global
 * options, the boot filenames. Each value keeps its place in the text so an editor can
 * replace exactly it.
 */

export interface DhcpdValue {
  /** As written; for a string, the text between its quotes (escapes kept). */
  text: string;
  quoted: boolean;
  /** The token's offsets, quotes included. */
  start: number;
  end: number;
  line: number;
  column: number;
}

/** An enclosing declaration: `shared-network NODES`, `subnet … netmask …`, `group`, `host x`, … */
export interface DhcpdScope {
  keyword: string;
  /** The words after the keyword (a lone string unquoted), '' for `group`. */
  label: string;
  line: number;
}

export interface DhcpdRange {
  /** The first and last address as written (the same when the range has one address). */
  start: string;
  end: string;
  dynamicBootp: boolean;
  line: number;
  statement: DhcpdStatement;
}

export interface DhcpdSubnet {
  network: string;
  netmask: string;
  /** Its ranges, also those of pools in its shared-network that fall inside it. */
  ranges: DhcpdRange[];
  sharedNetwork: string | undefined;
  line: number;
  lastLine: number;
  block: DhcpdBlock;
}

/**
 * A host block. Everything is read from the host table when asked, values made anew each time;
 * nothing is an own property, so spreading or cloning a host leaves it all out.
 */
export interface DhcpdHost {
  readonly name: DhcpdValue;
  readonly hardwareType: string | undefined;
  readonly mac: DhcpdValue | undefined;
  /** `fixed-address a, b;` lists several. */
  readonly fixedAddresses: DhcpdValue[];
  readonly filename: DhcpdValue | undefined;
  /** `option host-name "…"`. */
  readonly hostName: DhcpdValue | undefined;
  /** Whether dhcpd sends the declaration's name as host name (`use-host-decl-names` here or around). */
  readonly useHostDeclNames: boolean;
  /** The enclosing declarations, outermost first. */
  readonly scopes: readonly DhcpdScope[];
  readonly firstLine: number;
  readonly lastLine: number;
  readonly block: DhcpdBlock;
}

/** The `if`/`elsif`/`else` branch a statement sits in (the innermost one). */
export interface DhcpdBranch {
  keyword: string;
  /** The branch's condition as written; undefined for `else`. */
  condition: string | undefined;
  line: number;
}

/** A parameter found anywhere, with where it applies. */
export interface DhcpdSetting {
  value: DhcpdValue;
  scopes: readonly DhcpdScope[];
  /** Inside an `if`/`elsif`/`else` branch. */
  conditional: boolean;
  branch: DhcpdBranch | undefined;
  /** Made when first read: not an own property, so spreading or cloning a setting leaves it out. */
  readonly statement: DhcpdStatement;
}

export interface DhcpdOption {
  name: string;
  /** The value as written: a lone string unquoted, else the source text of the values. */
  text: string;
  /** Each value (a list's commas left out); empty for `option name = expression`. */
  values: DhcpdValue[];
  expression: Expression | undefined;
  /** Offsets of the whole value. */
  start: number;
  end: number;
  line: number;
  statement: DhcpdStatement;
}

/** `option host-name = concat(…)`: how dhcpd makes up names for dynamic clients. */
export interface DhcpdHostNameExpression {
  text: string;
  expression: Expression;
  start: number;
  end: number;
  line: number;
  scopes: readonly DhcpdScope[];
  conditional: boolean;
}

export interface DhcpdGlobals {
  /** `option name value;` at the top level, outside conditionals, by name (the last one wins). */
  options: Record<string, DhcpdOption>;
  /** Every `next-server` and `filename`, in hosts too. */
  nextServers: DhcpdSetting[];
  filenames: DhcpdSetting[];
  /** `use-host-decl-names` at the top level. */
  useHostDeclNames: boolean | undefined;
  hostNameExpression: DhcpdHostNameExpression | undefined;
}

export interface DhcpdViews {
  subnets: DhcpdSubnet[];
  /** Every host block as an object, made when first read. */
  readonly hosts: DhcpdHost[];
  /** The same host blocks as rows of the parsed tables, for readers of all of them. */
  hostTable: DhcpdHostTable;
  globals: DhcpdGlobals;
  /** `include "file";` anywhere. */
  includes: DhcpdValue[];
}

interface Context {
  scopes: readonly DhcpdScope[];
  branch: DhcpdBranch | undefined;
  subnet: DhcpdSubnet | undefined;
  sharedNetwork: string | undefined;
  useHostDeclNames: boolean;
}

/** Reads the views straight from the parsed tables: nodes become objects only where a view keeps one. */
export function collectViews(tree: DhcpdTree): DhcpdViews {
  const collector = new ViewCollector(tree);
  const useHostDeclNames = collector.useHostDeclNamesIn(-1);
  collector.walk(-1, {
    scopes: [],
    branch: undefined,
    subnet: undefined,
    sharedNetwork: undefined,
    useHostDeclNames: useHostDeclNames ?? false,
  });
  return collector.views(useHostDeclNames);
}

class ViewCollector {
  private readonly subnets: DhcpdSubnet[] = [];
  private readonly hostTable: DhcpdHostTable;
  private readonly includes: DhcpdValue[] = [];
  private readonly options: Record<string, DhcpdOption> = Object.create(null) as Record<string, DhcpdOption>;
  private readonly nextServers: DhcpdSetting[] = [];
  private readonly filenames: DhcpdSetting[] = [];
  private readonly unplacedRanges: { range: DhcpdRange; sharedNetwork: string | undefined }[] = [];
  private hostNameExpression: DhcpdHostNameExpression | undefined;

  private readonly tokens: TokenTable;
  private readonly nodes: NodeTable;

  constructor(private readonly tree: DhcpdTree) {
    this.tokens = tree.tokens;
    this.nodes = tree.nodes;
    this.hostTable = new DhcpdHostTable(tree);
  }

  views(useHostDeclNames: boolean | undefined): DhcpdViews {
    this.placeRanges();
    const globals: DhcpdGlobals = {
      options: this.options,
      nextServers: this.nextServers,
      filenames: this.filenames,
      useHostDeclNames,
      hostNameExpression: this.hostNameExpression,
    };
    const { hostTable } = this;
    let hosts: DhcpdHost[] | undefined;
    return {
      subnets: this.subnets,
      get hosts() {
        return (hosts ??= Array.from(
          { length: hostTable.count },
          (_, host) => new HostView(hostTable, host),
        ));
      },
      hostTable,
      globals,
      includes: this.includes,
    };
  }

  walk(parent: number, context: Context): void {
    const { nodes } = this;
    for (let node = parent + 1; node < nodes.childrenEnd(parent); node = nodes.next(node)) {
      const kind = nodes.kind(node);
      if (kind === STATEMENT) this.statement(node, context);
      else if (kind === BLOCK) this.block(node, context);
      else if (kind === CONDITIONAL) this.conditional(node, context);
    }
  }

  private conditional(conditional: number, context: Context): void {
    for (const branch of this.nodes.children(conditional)) {
      this.walk(branch, { ...context, branch: this.branchOf(branch) });
    }
  }

  private block(block: number, outer: Context): void {
    if (this.nodes.isKeyword(block, 'host')) return this.host(block, outer);
    const scope: DhcpdScope = {
      keyword: this.tree.keyword(block),
      label: this.labelOf(block),
      line: this.nodes.firstLine(block),
    };
    const context: Context = {
      ...outer,
      scopes: [...outer.scopes, scope],
      useHostDeclNames: this.useHostDeclNamesIn(block) ?? outer.useHostDeclNames,
    };
    if (scope.keyword === 'shared-network') context.sharedNetwork = scope.label;
    if (scope.keyword === 'subnet')
      context.subnet = this.subnet(block, context.sharedNetwork) ?? outer.subnet;
    this.walk(block, context);
  }

  private statement(statement: number, context: Context): void {
    if (this.nodes.isKeyword(statement, 'option')) this.option(statement, context);
    else if (this.nodes.isKeyword(statement, 'range')) this.range(statement, context);
    else if (this.nodes.isKeyword(statement, 'filename')) this.setting(this.filenames, statement, context);
    else if (this.nodes.isKeyword(statement, 'next-server'))
      this.setting(this.nextServers, statement, context);
    else if (this.nodes.isKeyword(statement, 'include')) this.include(statement);
  }

  private subnet(block: number, sharedNetwork: string | undefined): DhcpdSubnet | undefined {
    const network = this.nodes.word(block, 1);
    const netmask = this.nodes.word(block, 3);
    if (netmask < 0 || !this.tokens.isWord(network + 1, 'netmask')) return undefined;
    const subnet: DhcpdSubnet = {
      network: this.textOf(network),
      netmask: this.textOf(netmask),
      ranges: [],
      sharedNetwork,
      line: this.nodes.firstLine(block),
      lastLine: this.nodes.lastLine(block),
      block: this.tree.node(block) as DhcpdBlock,
    };
    this.subnets.push(subnet);
    return subnet;
  }

  private range(statement: number, context: Context): void {
    const { tokens } = this;
    const second = this.nodes.word(statement, 1);
    const dynamicBootp = second >= 0 && tokens.isWord(second, 'dynamic-bootp');
    const first = this.nodes.word(statement, dynamicBootp ? 2 : 1);
    if (first < 0 || !tokens.isWordKind(first)) return;
    const last = this.nodes.word(statement, dynamicBootp ? 3 : 2);
    const start = this.textOf(first);
    const end = last >= 0 && tokens.isWordKind(last) ? this.textOf(last) : start;
    const node = this.tree.node(statement) as DhcpdStatement;
    const range: DhcpdRange = {
      start,
      end,
      dynamicBootp,
      line: this.nodes.firstLine(statement),
      statement: node,
    };
    if (context.subnet) context.subnet.ranges.push(range);
    else this.unplacedRanges.push({ range, sharedNetwork: context.sharedNetwork });
  }

  /** A pool of a shared-network holds ranges of its subnets: each goes to the subnet it falls in. */
  private placeRanges(): void {
    for (const { range, sharedNetwork } of this.unplacedRanges) {
      const address = ipv4ToNumber(range.start);
      const subnet = this.subnets.find(
        (candidate) => candidate.sharedNetwork === sharedNetwork && inSubnet(address, candidate),
      );
      subnet?.ranges.push(range);
    }
  }

  /** A host's facts come from the statements directly in it. */
  private host(block: number, outer: Context): void {
    const name = this.nodes.word(block, 1);
    if (name < 0) return;
    const useHostDeclNames = this.useHostDeclNamesIn(block) ?? outer.useHostDeclNames;
    const host = this.hostTable.add(block, name, useHostDeclNames, outer.scopes);
    const { nodes } = this;
    let context: Context | undefined;
    for (let node = block + 1; node < nodes.childrenEnd(block); node = nodes.next(node)) {
      if (nodes.kind(node) !== STATEMENT) continue;
      this.hostStatement(host, node);
      if (this.isHostSetting(node)) {
        const scope = {
          keyword: 'host',
          label: this.tokens.valueOf(name),
          line: this.hostTable.firstLine(host),
        };
        context ??= { ...outer, scopes: [...outer.scopes, scope] };
        this.statement(node, context);
      }
    }
  }

  /** The statements in a host that the settings views list too. */
  private isHostSetting(statement: number): boolean {
    return (
      this.nodes.isKeyword(statement, 'filename') ||
      this.nodes.isKeyword(statement, 'next-server') ||
      this.nodes.isKeyword(statement, 'option')
    );
  }

  private hostStatement(host: number, statement: number): void {
    const { tokens, hostTable } = this;
    const first = this.nodes.word(statement, 1);
    const second = this.nodes.word(statement, 2);
    if (first < 0) return;
    if (this.nodes.isKeyword(statement, 'hardware') && second >= 0) {
      hostTable.set(host, HARDWARE, statement);
    } else if (this.nodes.isKeyword(statement, 'fixed-address')) {
      hostTable.set(host, FIXED_ADDRESS, statement);
    } else if (this.nodes.isKeyword(statement, 'filename')) {
      const token = this.settingToken(statement);
      if (token >= 0) hostTable.set(host, FILENAME, token);
    } else if (
      this.nodes.isKeyword(statement, 'option') &&
      tokens.isWord(first, 'host-name') &&
      second >= 0
    ) {
      if (!tokens.isPunct(second, '=')) hostTable.set(host, HOST_NAME_OPTION, second);
    }
  }

  private option(statement: number, context: Context): void {
    const { tokens, nodes } = this;
    const name = this.nodes.word(statement, 1);
    const third = this.nodes.word(statement, 2);
    if (third < 0 || tokens.isWord(third, 'code') || tokens.isWord(name, 'space')) return;
    const optionName = this.textOf(name);
    const assigned = tokens.isPunct(third, '=');
    if (assigned && optionName === 'host-name') this.noteHostNameExpression(statement, context);
    const valueFrom = assigned ? 3 : 2;
    const text = nodes.wordsFrom(statement, valueFrom);
    if (context.scopes.length > 0 || context.branch || text === undefined) return;
    const first = this.nodes.word(statement, valueFrom);
    const values = assigned ? [] : this.listValues(statement, valueFrom);
    this.options[optionName] = {
      name: optionName,
      text: values.length === 1 && values[0] ? values[0].text : text,
      values,
      expression: nodes.expression(statement),
      start: tokens.start(first),
      end: tokens.end(nodes.wordEnd(statement) - 1),
      line: tokens.line(first),
      statement: this.tree.node(statement) as DhcpdStatement,
    };
  }

  private noteHostNameExpression(statement: number, context: Context): void {
    const expression = this.nodes.expression(statement);
    if (this.hostNameExpression || !expression) return;
    this.hostNameExpression = {
      text: this.tokens.text.slice(expression.start, expression.end),
      expression,
      start: expression.start,
      end: expression.end,
      line: this.nodes.firstLine(statement),
      scopes: context.scopes,
      conditional: context.branch !== undefined,
    };
  }

  private setting(settings: DhcpdSetting[], statement: number, context: Context): void {
    const token = this.settingToken(statement);
    if (token >= 0) settings.push(new SettingView(this.tree, statement, this.valueOf(token), context));
  }

  /** The value of `filename "x";`, also of `filename = "x";` (as xCAT writes it) when it is a constant. */
  private settingToken(statement: number): number {
    const expression = this.nodes.expression(statement);
    const value = this.nodes.word(statement, 1);
    if (expression) return expression.kind === 'constant' ? this.nodes.word(statement, 2) : -1;
    return value >= 0 && this.tokens.kind(value) !== 'punct' ? value : -1;
  }

  private include(statement: number): void {
    const file = this.nodes.word(statement, 1);
    if (file >= 0) this.includes.push(this.valueOf(file));
  }

  private branchOf(block: number): DhcpdBranch {
    const expression = this.nodes.expression(block);
    const condition = expression ? this.tokens.text.slice(expression.start, expression.end) : undefined;
    return { keyword: this.tree.keyword(block), condition, line: this.nodes.firstLine(block) };
  }

  /** The last `use-host-decl-names` directly in a body (-1: the top level): it applies to the whole scope. */
  useHostDeclNamesIn(parent: number): boolean | undefined {
    const { nodes, tokens } = this;
    let setting: boolean | undefined;
    for (let node = parent + 1; node < nodes.childrenEnd(parent); node = nodes.next(node)) {
      const flag = this.nodes.word(node, 1);
      if (nodes.kind(node) !== STATEMENT || flag < 0 || !this.nodes.isKeyword(node, 'use-host-decl-names'))
        continue;
      setting = tokens.isWord(flag, 'on') || tokens.isWord(flag, 'true');
    }
    return setting;
  }

  /** The values from word `from` on, commas left out. */
  private listValues(statement: number, from: number): DhcpdValue[] {
    const values: DhcpdValue[] = [];
    for (let at = this.nodes.word(statement, from); at >= 0 && at < this.nodes.wordEnd(statement); at += 1) {
      if (!this.tokens.isPunct(at, ',')) values.push(this.valueOf(at));
    }
    return values;
  }

  private labelOf(block: number): string {
    const { tokens, nodes } = this;
    const first = this.nodes.word(block, 1);
    if (first < 0) return '';
    return first === nodes.wordEnd(block) - 1 ? tokens.valueOf(first) : (nodes.wordsFrom(block, 1) ?? '');
  }

  private valueOf(token: number): DhcpdValue {
    return valueAt(this.tokens, token);
  }

  private textOf(token: number): string {
    return this.tokens.textOf(token);
  }
}

function valueAt(tokens: TokenTable, token: number): DhcpdValue {
  const start = tokens.start(token);
  const line = tokens.line(token);
  return {
    text: tokens.valueOf(token),
    quoted: tokens.isString(token),
    start,
    end: tokens.end(token),
    line,
    column: start - tokens.lineStart(line) + 1,
  };
}

/** How many values `statement` lists after its keyword, separated by commas (from its word 1 on). */
function commaListLength(tokens: TokenTable, nodes: NodeTable, statement: number): number {
  const first = nodes.word(statement, 1);
  if (first < 0) return 0;
  let last = first;
  while (last + 2 < nodes.wordEnd(statement) && tokens.isPunct(last + 1, ',')) last += 2;
  return (last - first) / 2 + 1;
}

/**
 * `keyword a, b, c`: each item read by `read`, up to where a comma is missing (a diagnostic says
 * so). Sized up front: pushing onto an empty array reserves room for 17, and most hosts have one address.
 */
function commaList<T>(
  tokens: TokenTable,
  nodes: NodeTable,
  statement: number,
  read: (tokens: TokenTable, token: number) => T,
): T[] {
  const values = new Array<T>(commaListLength(tokens, nodes, statement));
  const first = nodes.word(statement, 1);
  for (let item = 0; item < values.length; item++) values[item] = read(tokens, first + 2 * item);
  return values;
}

const textAt = (tokens: TokenTable, token: number) => tokens.valueOf(token);

const BLOCK_NODE = 0;
const NAME_TOKEN = 1;
/** The last `hardware` and `fixed-address` statements (nodes), filename and host-name values (tokens); -1: none. */
const HARDWARE = 2;
const FIXED_ADDRESS = 3;
const FILENAME = 4;
const HOST_NAME_OPTION = 5;
const USE_HOST_DECL_NAMES = 6;
const FIRST_LINE = 7;
const LAST_LINE = 8;
const SCOPES = 9;
const HOST_STRIDE = 10;
const OPTIONAL_FIELDS = [HARDWARE, FIXED_ADDRESS, FILENAME, HOST_NAME_OPTION];

/**
 * Every host block as the places of its values in the parsed tables, a row of ten numbers
 * each: a 65,535-host file is read without an object per host, and without values that would
 * outlive several garbage collections for nothing (the cluster model copies what it keeps).
 * Values are made when read, anew each time; `hosts` makes a `DhcpdHost` per row when asked.
 */
export class DhcpdHostTable {
  count = 0;
  private rows: Int32Array;
  /** The hosts' lists of enclosing declarations, each once: the hosts of a group share theirs. */
  private readonly scopeLists: (readonly DhcpdScope[])[] = [];

  constructor(private readonly tree: DhcpdTree) {
    // Room for a host every three nodes, as dense as host blocks get; pages never written cost nothing.
    this.rows = new Int32Array(Math.max(64, Math.ceil(tree.nodes.count / 3)) * HOST_STRIDE);
  }

  add(block: number, name: number, useHostDeclNames: boolean, scopes: readonly DhcpdScope[]): number {
    if ((this.count + 1) * HOST_STRIDE > this.rows.length) {
      const rows = new Int32Array(this.rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
    }
    const host = this.count++;
    const { nodes } = this.tree;
    if (this.scopeLists.at(-1) !== scopes) this.scopeLists.push(scopes);
    this.set(host, BLOCK_NODE, block);
    this.set(host, NAME_TOKEN, name);
    for (let at = 0; at < OPTIONAL_FIELDS.length; at++) this.set(host, OPTIONAL_FIELDS[at] ?? 0, -1);
    this.set(host, USE_HOST_DECL_NAMES, useHostDeclNames ? 1 : 0);
    this.set(host, FIRST_LINE, nodes.firstLine(block));
    this.set(host, LAST_LINE, nodes.lastLine(block));
    this.set(host, SCOPES, this.scopeLists.length - 1);
    return host;
  }

  set(host: number, field: number, value: number): void {
    this.rows[host * HOST_STRIDE + field] = value;
  }

  name(host: number): DhcpdValue {
    return valueAt(this.tree.tokens, this.get(host, NAME_TOKEN));
  }

  /** The name's text alone, without the rest of its value. */
  nameText(host: number): string {
    return this.tree.tokens.valueOf(this.get(host, NAME_TOKEN));
  }

  /** Whether the host is named `name`, compared in place. */
  nameIs(host: number, name: string): boolean {
    return this.tree.tokens.valueIs(this.get(host, NAME_TOKEN), name);
  }

  firstLine(host: number): number {
    return this.get(host, FIRST_LINE);
  }

  lastLine(host: number): number {
    return this.get(host, LAST_LINE);
  }

  hardwareType(host: number): string | undefined {
    const statement = this.get(host, HARDWARE);
    if (statement < 0) return undefined;
    const { tokens, nodes } = this.tree;
    const type = nodes.word(statement, 1);
    return tokens.isWord(type, 'ethernet') ? 'ethernet' : tokens.textOf(type);
  }

  mac(host: number): DhcpdValue | undefined {
    const statement = this.get(host, HARDWARE);
    return statement < 0 ? undefined : valueAt(this.tree.tokens, this.tree.nodes.word(statement, 2));
  }

  /** The MAC's text alone. */
  macText(host: number): string | undefined {
    const statement = this.get(host, HARDWARE);
    return statement < 0 ? undefined : this.tree.tokens.valueOf(this.tree.nodes.word(statement, 2));
  }

  /** The MAC as a 48-bit number, read in place; -1 when there is none or it is written otherwise (see `macText`). */
  macNumber(host: number): number {
    const statement = this.get(host, HARDWARE);
    return statement < 0 ? -1 : this.tree.tokens.macAt(this.tree.nodes.word(statement, 2));
  }

  fixedAddressCount(host: number): number {
    const statement = this.get(host, FIXED_ADDRESS);
    return statement < 0 ? 0 : commaListLength(this.tree.tokens, this.tree.nodes, statement);
  }

  /** Fixed address `position` (below `fixedAddressCount`) as an IPv4 number, read in place; -1: not a dotted quad. */
  fixedIpv4(host: number, position: number): number {
    const statement = this.get(host, FIXED_ADDRESS);
    return this.tree.tokens.ipv4At(this.tree.nodes.word(statement, 1) + 2 * position);
  }

  fixedAddresses(host: number): DhcpdValue[] {
    return this.fixedAddressList(host, valueAt);
  }

  /** The fixed addresses' texts alone. */
  fixedAddressTexts(host: number): string[] {
    return this.fixedAddressList(host, textAt);
  }

  filename(host: number): DhcpdValue | undefined {
    return this.valueOfToken(this.get(host, FILENAME));
  }

  hostName(host: number): DhcpdValue | undefined {
    return this.valueOfToken(this.get(host, HOST_NAME_OPTION));
  }

  useHostDeclNames(host: number): boolean {
    return this.get(host, USE_HOST_DECL_NAMES) === 1;
  }

  scopes(host: number): readonly DhcpdScope[] {
    return this.scopeLists[this.get(host, SCOPES)] ?? [];
  }

  block(host: number): DhcpdBlock {
    return this.tree.node(this.get(host, BLOCK_NODE)) as DhcpdBlock;
  }

  private fixedAddressList<T>(host: number, read: (tokens: TokenTable, token: number) => T): T[] {
    const statement = this.get(host, FIXED_ADDRESS);
    return statement < 0 ? [] : commaList(this.tree.tokens, this.tree.nodes, statement, read);
  }

  private valueOfToken(token: number): DhcpdValue | undefined {
    return token < 0 ? undefined : valueAt(this.tree.tokens, token);
  }

  private get(host: number, field: number): number {
    return this.rows[host * HOST_STRIDE + field] ?? -1;
  }
}

/** A row of the host table as an object; every property is read from the table. */
class HostView implements DhcpdHost {
  constructor(
    private readonly table: DhcpdHostTable,
    private readonly host: number,
  ) {}

  get name(): DhcpdValue {
    return this.table.name(this.host);
  }

  get hardwareType(): string | undefined {
    return this.table.hardwareType(this.host);
  }

  get mac(): DhcpdValue | undefined {
    return this.table.mac(this.host);
  }

  get fixedAddresses(): DhcpdValue[] {
    return this.table.fixedAddresses(this.host);
  }

  get filename(): DhcpdValue | undefined {
    return this.table.filename(this.host);
  }

  get hostName(): DhcpdValue | undefined {
    return this.table.hostName(this.host);
  }

  get useHostDeclNames(): boolean {
    return this.table.useHostDeclNames(this.host);
  }

  get scopes(): readonly DhcpdScope[] {
    return this.table.scopes(this.host);
  }

  get firstLine(): number {
    return this.table.firstLine(this.host);
  }

  get lastLine(): number {
    return this.table.lastLine(this.host);
  }

  get block(): DhcpdBlock {
    return this.table.block(this.host);
  }
}

/** A setting as plain data; its statement, a node of the tree, is made when first read. */
class SettingView implements DhcpdSetting {
  readonly scopes: readonly DhcpdScope[];
  readonly conditional: boolean;
  readonly branch: DhcpdBranch | undefined;
  readonly #tree: DhcpdTree;
  readonly #statement: number;

  constructor(
    tree: DhcpdTree,
    statement: number,
    readonly value: DhcpdValue,
    context: Context,
  ) {
    this.scopes = context.scopes;
    this.branch = context.branch;
    this.conditional = context.branch !== undefined;
    this.#tree = tree;
    this.#statement = statement;
  }

  get statement(): DhcpdStatement {
    return this.#tree.node(this.#statement) as DhcpdStatement;
  }
}

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

function inSubnet(address: number | undefined, subnet: DhcpdSubnet): boolean {
  const network = ipv4ToNumber(subnet.network);
  const netmask = ipv4ToNumber(subnet.netmask);
  if (address === undefined || network === undefined || netmask === undefined) return false;
  // `>>> 0` reads the 32-bit results as unsigned again.
  return (address & netmask) >>> 0 === (network & netmask) >>> 0;
}
