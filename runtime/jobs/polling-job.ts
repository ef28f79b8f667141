/**
 * A loop that runs `tick` every interval (at once again when a tick found work), never two ticks
 * at a time, and that `stop()` waits for, so shutdown never cuts a transaction in half.
 */
export class PollingJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => Promise<number>,
  ) {}

  /** Starts the loop; the first tick runs after `firstDelayMs` (at once by default). */
  start(firstDelayMs = 0): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  /** Runs one tick now (tests use this instead of waiting for the interval). */
  async runOnce(): Promise<number> {
    while (this.running) await this.running;
    let found = 0;
    this.running = this.tick().then((n) => {
      found = n;
    });
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
    return found;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await this.running.catch(() => undefined);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .then((found) => this.schedule(found > 0 ? 0 : this.intervalMs))
        .catch(() => this.schedule(this.intervalMs));
    }, delay);
    this.timer.unref();
  }
}
