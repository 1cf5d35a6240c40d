import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  formatMemory,
  formatOpenMosix,
  formatUptime,
  LIVE_POLL_COMMAND,
  parseLiveOutput,
} from '../../../../shared/cluster/live-state.js';

const MODERN = `== loadavg
0.52 0.31 0.18 2/97 4123
== meminfo
MemTotal:        4030552 kB
MemFree:          812344 kB
MemAvailable:    3112000 kB
Buffers:           42192 kB
Cached:          1683308 kB
== uptime
93784.20 180000.11
`;

/** A 2.4 kernel with openMosix: no MemAvailable, and its own /proc/hpc entry. */
const OPENMOSIX = `== loadavg
1.00 0.50 0.25 1/40 812
== meminfo
        total:    used:    free:  shared: buffers:  cached:
Mem:  261234688 120000000 141234688 0 8000000 50000000
MemTotal:       255112 kB
MemFree:        137924 kB
Buffers:          7812 kB
Cached:          48828 kB
== uptime
42.00 40.00
== hpc 3
load 12
status 3
mem 131072
tmem 255112
`;

describe('reading a node’s live state', () => {
  it('reads load, memory and uptime from a modern kernel’s /proc', () => {
    expect(parseLiveOutput(MODERN)).toEqual({
      ok: true,
      reading: {
        load: [0.52, 0.31, 0.18],
        memTotalKiB: 4030552,
        memAvailableKiB: 3112000,
        uptimeSeconds: 93784.2,
      },
    });
  });

  it('counts free, buffers and cached as available where MemAvailable is missing, and reads openMosix’s entry', () => {
    const parsed = parseLiveOutput(OPENMOSIX);
    expect(parsed).toEqual({
      ok: true,
      reading: {
        load: [1, 0.5, 0.25],
        memTotalKiB: 255112,
        memAvailableKiB: 137924 + 7812 + 48828,
        uptimeSeconds: 42,
        openMosix: { id: 3, load: 12, status: 3 },
      },
    });
  });

  it('says which file was missing or garbled', () => {
    expect(parseLiveOutput('')).toEqual({ ok: false, error: 'no load averages in /proc/loadavg' });
    expect(parseLiveOutput(MODERN.replace(/MemTotal.*\n/, ''))).toEqual({
      ok: false,
      error: 'no MemTotal/MemFree in /proc/meminfo',
    });
    expect(parseLiveOutput(MODERN.replace('93784.20', 'soon'))).toEqual({
      ok: false,
      error: 'no uptime in /proc/uptime',
    });
  });

  it('parses what the poll command prints on this machine', () => {
    const output = execFileSync('sh', ['-c', LIVE_POLL_COMMAND], { encoding: 'utf8' });
    const parsed = parseLiveOutput(output);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.reading.memTotalKiB).toBeGreaterThan(0);
  });

  it('words uptime, memory and openMosix state for the table', () => {
    expect(formatUptime(93784.2)).toBe('1 d 2 h');
    expect(formatUptime(3 * 3600 + 12 * 60 + 5)).toBe('3 h 12 min');
    expect(formatUptime(42)).toBe('42 s');
    expect(formatUptime(0)).toBe('0 s');
    expect(formatMemory(4030552, 3112000)).toBe('0.9 of 3.8 GiB used');
    expect(formatMemory(255112, 194564)).toBe('59.1 of 249.1 MiB used');
    expect(formatOpenMosix({ id: 3, load: 12, status: 3 })).toBe('ID 3, load 12, status 3');
    expect(formatOpenMosix({ id: 7, load: -101, status: 0 })).toBe('ID 7, not live');
  });
});
