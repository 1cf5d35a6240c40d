/**
 * How much a paused ssh2 channel still lets through. ssh2 opens every channel with a 2 MB
 * receive window, tops it up to 2 MB whenever half of it is used, and keeps topping it up while
 * less than 2 MB waits in the paused stream (constants in its Channel.js, with no option). A
 * paused terminal's shell could therefore still send megabytes: for a flood, megabytes that cross
 * the gateway's connection ahead of another terminal's echo and cost every process on their way
 * its CPU. A terminal keeps a PTY busy with far less.
 *
 * ssh2 offers no hook for either, so both are set on its internals, checked before use: the
 * window a channel is opened with (the protocol's `session`), each top-up it sends
 * (`channelWindowAdjust`), the channel's own count of what the server may still send
 * (`incoming.window`), and the stream's high-water mark.
 */
import type { Readable } from 'node:stream';
import type { Client, ClientChannel, PseudoTtyOptions } from 'ssh2';

/** What ssh2 opens a channel with and tops it up to (its Channel.js MAX_WINDOW). */
const SSH2_WINDOW = 2 * 1024 * 1024;

/** A paused channel asks for no more once this much waits in its stream. */
const READ_AHEAD = 64 * 1024;

interface Protocol {
  session(channel: number, window: number, packetSize: number): void;
  channelWindowAdjust(channel: number, amount: number): void;
}

interface ChannelCounts {
  incoming: { window: number };
  outgoing: { id: number };
}

interface LimitedChannel {
  counts: ChannelCounts;
  limit: number;
}

/** A connection's limited channels, by the server's id for them, and the window of the next one opened. */
interface WindowLimits {
  channels: Map<number, LimitedChannel>;
  nextWindow: number | undefined;
}

const limitsByProtocol = new WeakMap<Protocol, WindowLimits>();

function protocolOf(client: Client): Protocol {
  const protocol = (client as unknown as { _protocol?: Partial<Protocol> })._protocol;
  if (typeof protocol?.session !== 'function' || typeof protocol.channelWindowAdjust !== 'function')
    throw new Error('this ssh2 has no protocol session/channelWindowAdjust to limit a window with');
  return protocol as Protocol;
}

/**
 * Takes over a connection's channel opens and top-ups. A top-up for a limited channel is sent only
 * once its server may send less than half the limit, and then only up to the limit: ssh2 asks
 * for one after nearly every packet (its window looks at most half full to it) and has already
 * counted it in `incoming.window`, which is set back to what was really granted.
 */
function windowLimits(protocol: Protocol): WindowLimits {
  const existing = limitsByProtocol.get(protocol);
  if (existing) return existing;
  const limits: WindowLimits = { channels: new Map(), nextWindow: undefined };
  const openSession = protocol.session.bind(protocol);
  const sendTopUp = protocol.channelWindowAdjust.bind(protocol);
  protocol.session = (channel, window, packetSize) =>
    openSession(channel, limits.nextWindow ?? window, packetSize);
  protocol.channelWindowAdjust = (id, amount) => {
    const limited = limits.channels.get(id);
    if (!limited) return sendTopUp(id, amount);
    const { counts, limit } = limited;
    const remaining = counts.incoming.window - amount;
    if (remaining > limit / 2) {
      counts.incoming.window = remaining;
      return;
    }
    counts.incoming.window = limit;
    sendTopUp(id, limit - remaining);
  };
  limitsByProtocol.set(protocol, limits);
  return limits;
}

/** Opens a shell (with `pty`, as Client.shell) whose server never has more than `limit` bytes unacknowledged. */
export function shellWithWindow(
  client: Client,
  pty: PseudoTtyOptions | false,
  limit: number,
  callback: (error: Error | undefined, channel: ClientChannel) => void,
): void {
  // Below half of ssh2's window, ssh2 sends no top-up of its own before the channel is known here.
  if (!(limit > 0 && limit < SSH2_WINDOW / 2)) throw new RangeError(`a receive window of ${limit} bytes`);
  const limits = windowLimits(protocolOf(client));
  limits.nextWindow = limit;
  try {
    client.shell(pty, (error, channel) => {
      if (error) return callback(error, channel);
      // ssh2 counted the 2 MB it opens channels with; the server was granted `limit`.
      const counts = channel as unknown as ChannelCounts;
      counts.incoming.window -= SSH2_WINDOW - limit;
      const id = counts.outgoing.id;
      limits.channels.set(id, { counts, limit });
      channel.once('close', () => limits.channels.delete(id));
      callback(undefined, channel);
    });
  } finally {
    limits.nextWindow = undefined;
  }
}

/** Makes a paused channel (output and stderr) stop asking for more once 64 kB wait in it, not 2 MB. */
export function limitReadAhead(channel: ClientChannel): void {
  for (const stream of [channel, channel.stderr] as Readable[]) {
    const state = (stream as unknown as { _readableState?: { highWaterMark?: number } })._readableState;
    if (state?.highWaterMark !== undefined) state.highWaterMark = READ_AHEAD;
  }
}
