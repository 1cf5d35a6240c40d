/**
 * The one contract between the renderer and the backend. Both transports (Electron IPC and
 * the WebSocket of web mode) carry exactly these channels, and both ends parse every
 * message with these schemas.
 */
import { z } from 'zod';
import { ClusterFileSchema, GatewayPathSchema } from '../workspace/cluster-files.js';
import { WriteOutcomeSchema, WriteProgressSchema } from '../image/writer-protocol.js';

type ChannelName = `${string}:${string}`;

interface InvokeSpec {
  input: z.ZodType;
  output: z.ZodType;
}

interface StreamSpec {
  input: z.ZodType;
  /** A two-way stream: what the reader may send back on it. */
  messages?: z.ZodType;
}

const NoInput = z.object({}).strict();

export const WorkspaceSchema = z.object({
  kind: z.enum(['demo', 'folder', 'gateway']),
  label: z.string(),
  /** Where the gateway's `/` is mirrored on this machine. */
  root: z.string(),
  readOnly: z.boolean(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['desktop', 'web']),
  /** Whether passwords and passphrases can be remembered in the OS keychain (desktop only). */
  keychain: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

const LocationSchema = z.object({ file: z.string(), line: z.number().int(), column: z.number().int() });

export const FindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  location: LocationSchema,
  related: z.array(LocationSchema),
  /** The title of the automatic fix, where one is safe. */
  fix: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const CheckReportSchema = z.object({
  findings: z.array(FindingSchema),
  summary: z.object({ errors: z.number(), warnings: z.number(), notes: z.number() }),
});
export type CheckReport = z.infer<typeof CheckReportSchema>;

export const ImageInfoSchema = z.object({
  path: z.string(),
  /** What lands on the target, decompressed. */
  bytes: z.number(),
  label: z.string(),
  compression: z.enum(['none', 'gzip', 'xz']),
});
export type ImageInfo = z.infer<typeof ImageInfoSchema>;

export const DriveSchema = z.object({
  name: z.string(),
  path: z.string(),
  bytes: z.number(),
  model: z.string().optional(),
  bus: z.string().optional(),
  removable: z.boolean(),
  mountpoints: z.array(z.string()),
  verdict: z.union([
    z.object({ offered: z.literal(true) }),
    z.object({ offered: z.literal(false), reason: z.string(), overridable: z.boolean() }),
  ]),
});
export type DriveInfo = z.infer<typeof DriveSchema>;

export const WriteJobSchema = z.object({
  jobId: z.string(),
  source: z.string(),
  target: z.string(),
  state: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('running'), progress: WriteProgressSchema }),
    z.object({ kind: z.literal('finished'), outcome: WriteOutcomeSchema }),
  ]),
});
export type WriteJob = z.infer<typeof WriteJobSchema>;

const PathInput = z.string().trim().min(1, 'a path is required');

export const BootToolsSchema = z.object({
  ready: z.boolean(),
  missing: z.array(z.string()),
  install: z.string().optional(),
});

export const BootdiskBuildSchema = z
  .object({
    format: z.enum(['floppy', 'usb']),
    chain: z.enum(['dhcp', 'fixed']),
    nic: z.union([z.literal('auto'), z.number().int().min(0).max(31)]),
    menuTimeoutSeconds: z.number().int().min(0).max(3600).optional(),
    /** Where the image goes on the console's machine; a fresh file in its temp folder when absent. */
    out: PathInput.optional(),
  })
  .strict();

const NodeRoleSchema = z.enum(['gateway', 'node']);

/** The inventory in columns, one entry per node (see shared/cluster/inventory.ts). */
export const InventorySchema = z.object({
  columns: z.object({
    name: z.array(z.string()),
    role: z.array(NodeRoleSchema),
    addresses: z.array(z.string()),
    macs: z.array(z.string()),
    mosixId: z.array(z.number().int()),
    bootFile: z.array(z.string()),
    dhcp: z.array(z.enum(['fixed', 'dynamic', 'none'])),
    lease: z.array(z.string()),
    errors: z.array(z.number().int()),
    warnings: z.array(z.number().int()),
  }),
  newMachines: z.array(
    z.object({
      mac: z.string(),
      address: z.string(),
      state: z.string(),
      clientHostname: z.string(),
      line: z.number().int(),
    }),
  ),
});
export type Inventory = z.infer<typeof InventorySchema>;

export const NodeDetailSchema = z.object({
  name: z.string(),
  role: NodeRoleSchema,
  facts: z.array(
    z.object({ label: z.string(), value: z.string(), file: z.string(), line: z.number().int() }),
  ),
  findings: z.array(FindingSchema),
});
export type NodeDetail = z.infer<typeof NodeDetailSchema>;

/** The config engine's edit operations (shared/cluster/operations.ts), as the console sends them. */
export const OperationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('add'),
    nodes: z
      .array(
        z.object({ name: z.string().min(1), address: z.string().min(1), mac: z.string().min(1).optional() }),
      )
      .min(1),
  }),
  z.object({ kind: z.literal('remove'), names: z.array(z.string().min(1)).min(1) }),
  z.object({
    kind: z.literal('set'),
    name: z.string().min(1),
    newName: z.string().min(1).optional(),
    address: z.string().min(1).optional(),
    mac: z.string().min(1).optional(),
  }),
  z.object({ kind: z.literal('adopt'), macs: z.array(z.string().min(1)).min(1) }),
]);
export type NodeOperation = z.infer<typeof OperationSchema>;

export const PreviewSchema = z.object({
  changes: z.array(z.object({ path: z.string(), diff: z.string() })),
  /** What the files were when previewed: applying refuses if they are no longer that. */
  basis: z.string(),
});
export type Preview = z.infer<typeof PreviewSchema>;

/** A gateway service restarted after a write (dhcpd after dhcpd.conf changed), and how it went. */
export const ServiceRestartSchema = z.object({
  service: z.string(),
  /** `running` after the restart, or why not. */
  state: z.enum(['running', 'stopped', 'not-installed']),
  /** What the restart (or the status afterwards) printed. */
  output: z.string(),
});
export type ServiceRestart = z.infer<typeof ServiceRestartSchema>;

export const AppliedSchema = z.object({
  written: z.array(z.object({ path: z.string(), backup: z.string().optional() })),
  restarted: z.array(ServiceRestartSchema).optional(),
});
export type Applied = z.infer<typeof AppliedSchema>;

/** One node as the latest live poll found it (see shared/cluster/live-state.ts). */
export const LiveNodeSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('up'),
    load: z.tuple([z.number(), z.number(), z.number()]),
    memTotalKiB: z.number(),
    memAvailableKiB: z.number(),
    uptimeSeconds: z.number(),
    openMosix: z
      .object({ id: z.number(), load: z.number().optional(), status: z.number().optional() })
      .optional(),
  }),
  /** No answer: no SSH session within the poll's time limit. */
  z.object({ state: z.literal('unreachable'), message: z.string() }),
  /** It answered, but its /proc could not be read. */
  z.object({ state: z.literal('failed'), message: z.string() }),
]);
export type LiveNode = z.infer<typeof LiveNodeSchema>;

export const LiveStateSchema = z.object({
  /** Polled only in a gateway workspace: the demo and folders have no live nodes. */
  polling: z.boolean(),
  intervalSeconds: z.number(),
  /** When the latest poll finished (ms since the epoch). */
  polledAt: z.number().optional(),
  /** Why polling stopped: the gateway itself refused a login that asks nothing (key, password). */
  problem: z.string().optional(),
  nodes: z.record(z.string(), LiveNodeSchema),
});
export type LiveState = z.infer<typeof LiveStateSchema>;
export const ConnectionProfileSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** `[user@]host[:port]` or a Host of ~/.ssh/config. */
  destination: z.string(),
  /** Saved by the user, or found in ~/.ssh/config. */
  source: z.enum(['saved', 'ssh-config']),
});
export type ConnectionProfile = z.infer<typeof ConnectionProfileSchema>;

export const ConnectionStateSchema = z.object({
  key: z.string(),
  state: z.enum(['connecting', 'ready', 'reconnecting', 'closed', 'failed']),
  message: z.string().optional(),
});
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const HostKeyQuestionSchema = z.object({
  id: z.string(),
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
});
export type HostKeyQuestion = z.infer<typeof HostKeyQuestionSchema>;

export const CredentialQuestionSchema = z.object({
  id: z.string(),
  kind: z.enum(['passphrase', 'password', 'keyboard-interactive']),
  /** What is asked, in words: "Password for root@mosix", a key file, or the server's prompt. */
  title: z.string(),
  prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
  /** Whether the answer may be remembered in the OS keychain (never for one-time codes). */
  canRemember: z.boolean(),
});
export type CredentialQuestion = z.infer<typeof CredentialQuestionSchema>;

const TerminalIdSchema = z.string().min(1).max(100);

export const TerminalStateSchema = z.object({
  terminalId: TerminalIdSchema,
  /** The node's name; absent for the gateway itself. */
  node: z.string().optional(),
  /** user@host, as a tab shows it. */
  title: z.string(),
  state: z.enum(['connecting', 'open', 'closed', 'failed']),
  /** Why it closed or failed, in plain words. */
  message: z.string().optional(),
});
export type TerminalState = z.infer<typeof TerminalStateSchema>;

const TerminalSizeSchema = {
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(1000),
};

/** What a terminal's page sends on its stream: keystrokes and pastes, and its size. */
export const TerminalMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('input'), data: z.string().max(4 * 1024 * 1024) }),
  z.object({ type: z.literal('resize'), ...TerminalSizeSchema }),
]);
export type TerminalMessage = z.infer<typeof TerminalMessageSchema>;

const DestinationSchema = z
  .string()
  .trim()
  .min(1, 'a gateway is required')
  .regex(/^[^\s'"`$;&|<>]+$/, 'is not [user@]host[:port]');

export const invokeChannels = {
  'app:get-info': { input: NoInput, output: AppInfoSchema },
  'workspace:get-current': { input: NoInput, output: WorkspaceSchema },
  'workspace:list-files': { input: NoInput, output: z.array(ClusterFileSchema) },
  'workspace:open-demo': { input: NoInput, output: WorkspaceSchema },
  'workspace:check': { input: NoInput, output: CheckReportSchema },
  'nodes:list': { input: NoInput, output: InventorySchema },
  'nodes:detail': { input: z.object({ name: z.string().min(1) }).strict(), output: NodeDetailSchema },
  'nodes:preview': { input: z.object({ operation: OperationSchema }).strict(), output: PreviewSchema },
  'nodes:apply': {
    input: z.object({ operation: OperationSchema, basis: z.string() }).strict(),
    output: AppliedSchema,
  },
  'nodes:get-live': { input: NoInput, output: LiveStateSchema },
  'nodes:set-live-interval': {
    input: z.object({ seconds: z.number().min(1).max(3600) }).strict(),
    output: LiveStateSchema,
  },
  'workspace:open-folder': {
    input: z.object({ path: z.string().trim().min(1, 'a folder path is required') }).strict(),
    output: WorkspaceSchema,
  },
  'image:inspect': { input: z.object({ path: PathInput }).strict(), output: ImageInfoSchema },
  'image:list-drives': {
    input: z.object({ source: z.string().optional(), showAll: z.boolean() }).strict(),
    output: z.array(DriveSchema),
  },
  /** Starts a write; its progress and outcome arrive as `image:write-changed` events. */
  'image:write': {
    input: z
      .object({
        source: PathInput,
        target: PathInput,
        verify: z.boolean(),
        /** The drive's name as typed by the admin: needed for a drive only "show all" offers. */
        typedName: z.string().optional(),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  'image:cancel': { input: z.object({ jobId: z.string() }).strict(), output: z.object({}) },
  'bootdisk:check-tools': { input: NoInput, output: BootToolsSchema },
  'bootdisk:build': {
    input: BootdiskBuildSchema,
    output: z.object({ out: z.string(), bytes: z.number(), script: z.string() }),
  },
  'connections:list-profiles': { input: NoInput, output: z.array(ConnectionProfileSchema) },
  'connections:add-profile': {
    input: z.object({ label: z.string().trim().max(200), destination: DestinationSchema }).strict(),
    output: ConnectionProfileSchema,
  },
  /** Connects to the profile's gateway and opens it as the workspace. */
  'connections:connect': { input: z.object({ id: z.string() }).strict(), output: WorkspaceSchema },
  'connections:answer-host-key': {
    input: z
      .object({ id: z.string(), decision: z.enum(['accept-and-remember', 'accept-once', 'refuse']) })
      .strict(),
    output: z.object({}),
  },
  'connections:answer-credential': {
    input: z
      .object({ id: z.string(), answers: z.array(z.string()).nullable(), remember: z.boolean().optional() })
      .strict(),
    output: z.object({}),
  },
  'connections:forget-secrets': { input: NoInput, output: z.object({}) },
  /** Opens a shell on the connected gateway, or on one of its nodes through it. */
  'terminal:open': {
    input: z.object({ node: z.string().trim().min(1).optional(), ...TerminalSizeSchema }).strict(),
    output: TerminalStateSchema,
  },
  'terminal:reconnect': {
    input: z.object({ terminalId: TerminalIdSchema }).strict(),
    output: TerminalStateSchema,
  },
  'terminal:close': { input: z.object({ terminalId: TerminalIdSchema }).strict(), output: z.object({}) },
} as const satisfies Record<ChannelName, InvokeSpec>;

export const eventChannels = {
  'workspace:workspace-changed': WorkspaceSchema,
  'image:write-changed': WriteJobSchema,
  'connections:state-changed': ConnectionStateSchema,
  'connections:host-key-question-changed': HostKeyQuestionSchema,
  'connections:credential-question-changed': CredentialQuestionSchema,
  'nodes:live-changed': LiveStateSchema,
  'terminal:state-changed': TerminalStateSchema,
} as const satisfies Record<ChannelName, z.ZodType>;

/** Byte streams: the opener sends an input, the backend answers with chunks, then an end. */
export const streamChannels = {
  'workspace:file-bytes': { input: z.object({ path: GatewayPathSchema }).strict() },
  /** A terminal's output; its keystrokes and size go back on the same stream. */
  'terminal:io': {
    input: z.object({ terminalId: TerminalIdSchema }).strict(),
    messages: TerminalMessageSchema,
  },
} as const satisfies Record<ChannelName, StreamSpec>;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type StreamChannel = keyof typeof streamChannels;

/** What a caller passes (before parsing) and what a handler receives (after parsing). */
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>;
export type InvokeInput<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;
export type StreamRequest<S extends StreamChannel> = z.input<(typeof streamChannels)[S]['input']>;
export type StreamInput<S extends StreamChannel> = z.output<(typeof streamChannels)[S]['input']>;
/** What the reader of a two-way stream sends back; never for a one-way stream. */
export type StreamMessage<S extends StreamChannel> = (typeof streamChannels)[S] extends {
  messages: infer M extends z.ZodType;
}
  ? z.output<M>
  : never;

export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannel[];
export const eventChannelNames = Object.keys(eventChannels) as EventChannel[];
export const streamChannelNames = Object.keys(streamChannels) as StreamChannel[];

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeChannels, name);
}

export function isEventChannel(name: string): name is EventChannel {
  return Object.hasOwn(eventChannels, name);
}

export function isStreamChannel(name: string): name is StreamChannel {
  return Object.hasOwn(streamChannels, name);
}
