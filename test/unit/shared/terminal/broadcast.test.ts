import { describe, expect, it } from 'vitest';
import {
  BROADCAST_OFF,
  broadcastToNodeSet,
  inputTargets,
  toggleExcluded,
} from '../../../../shared/terminal/broadcast.js';

const ids = ['t1', 't2', 't3'];

describe('inputTargets', () => {
  it('sends input only to its own terminal while broadcast is off', () => {
    expect(inputTargets(ids, BROADCAST_OFF, 't2')).toEqual(['t2']);
  });

  it('sends input to every terminal but the left-out ones while broadcast is on', () => {
    const broadcast = toggleExcluded({ on: true, excluded: new Set() }, 't3');
    expect(inputTargets(ids, broadcast, 't1')).toEqual(['t1', 't2']);
  });

  it('gives a left-out terminal its own input alone', () => {
    const broadcast = { on: true, excluded: new Set(['t3']) };
    expect(inputTargets(ids, broadcast, 't3')).toEqual(['t3']);
  });

  it('puts a left-out terminal back when toggled twice', () => {
    const once = toggleExcluded(BROADCAST_OFF, 't1');
    expect(toggleExcluded(once, 't1').excluded.size).toBe(0);
  });
});

describe('broadcastToNodeSet', () => {
  const open = [
    { id: 'g', node: undefined },
    { id: 'a', node: 'node001' },
    { id: 'b', node: 'node005' },
  ];

  it('opens the nodes of the set that have no terminal and leaves the others out', () => {
    const result = broadcastToNodeSet(open, 'node[001-003]');
    expect(result).toMatchObject({ ok: true, open: ['node002', 'node003'] });
    if (result.ok) {
      expect(result.broadcast.on).toBe(true);
      expect([...result.broadcast.excluded].sort()).toEqual(['b', 'g']);
    }
  });

  it('says what is wrong with a NodeSet it cannot read', () => {
    expect(broadcastToNodeSet(open, 'node[003-001]')).toMatchObject({ ok: false });
  });
});
