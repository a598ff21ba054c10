/**
 * Calls share the store; a restore has it alone. Every call, and every background task that reads the file (backups,
 * checks), runs `shared`; a restore runs `exclusively`: it waits for the calls already running, and calls that arrive
 * meanwhile wait for it, so no write is acknowledged while the file is being replaced and none is lost after.
 */
export class CallGate {
  private active = 0;
  private exclusive: Promise<void> | null = null;
  private whenIdle: (() => void)[] = [];

  /** True while a restore waits or runs: long background work stops early and tries again later. */
  get exclusivePending(): boolean {
    return this.exclusive !== null;
  }

  async shared<T>(run: () => T | Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive;
    this.active++;
    try {
      return await run();
    } finally {
      this.active--;
      if (this.active === 0) for (const wake of this.whenIdle.splice(0)) wake();
    }
  }

  async exclusively<T>(run: () => T | Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive;
    let release!: () => void;
    this.exclusive = new Promise<void>((resolve) => (release = resolve));
    try {
      if (this.active > 0) await new Promise<void>((resolve) => this.whenIdle.push(resolve));
      return await run();
    } finally {
      this.exclusive = null;
      release();
    }
  }
}
