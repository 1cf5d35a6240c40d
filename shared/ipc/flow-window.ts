/**
 * Credit-based flow control for a byte stream: the sender counts bytes not yet
 * acknowledged by the receiver, pauses above the high watermark and resumes once
 * acknowledgements bring it down to the low watermark.
 */
export class FlowWindow {
  private unacknowledged = 0;
  private pausedState = false;

  constructor(
    readonly highWatermark: number,
    readonly lowWatermark: number,
  ) {
    if (!(lowWatermark >= 0 && lowWatermark < highWatermark)) {
      throw new RangeError('FlowWindow needs 0 <= lowWatermark < highWatermark');
    }
  }

  get paused(): boolean {
    return this.pausedState;
  }

  get inFlight(): number {
    return this.unacknowledged;
  }

  /** Records bytes sent; returns true when the sender must pause now. */
  sent(bytes: number): boolean {
    this.unacknowledged += bytes;
    if (!this.pausedState && this.unacknowledged >= this.highWatermark) {
      this.pausedState = true;
      return true;
    }
    return false;
  }

  /** Records bytes acknowledged; returns true when a paused sender may resume now. */
  acknowledged(bytes: number): boolean {
    this.unacknowledged = Math.max(0, this.unacknowledged - bytes);
    if (this.pausedState && this.unacknowledged <= this.lowWatermark) {
      this.pausedState = false;
      return true;
    }
    return false;
  }
}

export const STREAM_HIGH_WATERMARK = 1024 * 1024;
export const STREAM_LOW_WATERMARK = 256 * 1024;
