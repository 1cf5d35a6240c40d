import { describe, expect, it } from 'vitest';
import { FlowWindow } from '../../../../shared/ipc/flow-window.js';

describe('FlowWindow', () => {
  it('pauses once unacknowledged bytes reach the high watermark', () => {
    const window = new FlowWindow(100, 20);
    expect(window.sent(60)).toBe(false);
    expect(window.sent(40)).toBe(true);
    expect(window.paused).toBe(true);
    expect(window.sent(10)).toBe(false); // already paused: no second signal
  });

  it('resumes only when acknowledgements bring it down to the low watermark', () => {
    const window = new FlowWindow(100, 20);
    window.sent(120);
    expect(window.acknowledged(90)).toBe(false);
    expect(window.inFlight).toBe(30);
    expect(window.acknowledged(10)).toBe(true);
    expect(window.paused).toBe(false);
  });

  it('never counts below zero when a receiver over-acknowledges', () => {
    const window = new FlowWindow(100, 20);
    window.sent(10);
    window.acknowledged(50);
    expect(window.inFlight).toBe(0);
  });

  it('rejects watermarks that could never resume', () => {
    expect(() => new FlowWindow(10, 10)).toThrow(RangeError);
  });
});
