/** What the file watcher saw: a project file (absolute path) and when (performance.now() ms). */
export interface ChangeEvent {
  readonly path: string;
  readonly kind: 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';
  readonly at: number;
  /** Reported by the watcher's own re-check after chokidar's change throttle, not by chokidar. */
  readonly trailing?: boolean;
}

/** The events gathered into one rebuild: the last kind per path, and when the burst began and ended. */
export interface ChangeBatch {
  readonly changes: ReadonlyMap<string, ChangeEvent['kind']>;
  readonly firstEventAt: number;
  readonly lastEventAt: number;
}

export interface RebuildQueueOptions {
  /** Quiet time after the last event before a rebuild starts (trailing debounce). */
  readonly debounceMs: number;
  readonly run: (batch: ChangeBatch) => Promise<void>;
  /** A rebuild threw (a bug: rebuilds report their own errors); the queue keeps going. */
  readonly onError?: (error: unknown) => void;
  readonly now?: () => number;
}

/**
 * Turns a stream of file events into rebuilds: a burst becomes one rebuild after `debounceMs` of
 * quiet; events during a rebuild are gathered into exactly one rebuild after it. Never two at once.
 */
export class RebuildQueue {
  #pending = new Map<string, ChangeEvent['kind']>();
  #firstAt = 0;
  #lastAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #closed = false;
  readonly #now: () => number;

  constructor(private readonly options: RebuildQueueOptions) {
    this.#now = options.now ?? (() => performance.now());
  }

  get busy(): boolean {
    return this.#running !== undefined;
  }

  add(event: ChangeEvent): void {
    if (this.#closed) return;
    if (this.#pending.size === 0) this.#firstAt = event.at;
    this.#pending.set(event.path, event.kind);
    this.#lastAt = event.at;
    if (!this.#running) this.#arm(this.options.debounceMs);
  }

  /** Run `batch` at once if idle (the first build); otherwise merge it into the next rebuild. */
  runNow(batch: ChangeBatch): Promise<void> {
    if (this.#running) {
      for (const [p, kind] of batch.changes) this.add({ path: p, kind, at: batch.lastEventAt });
      return this.#running;
    }
    this.#clearTimer();
    return this.#start(batch);
  }

  /** Resolves once no rebuild is running and none is waiting. */
  async whenIdle(): Promise<void> {
    while (this.#running || this.#timer) {
      if (this.#running) await this.#running;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Drop waiting events, stop the timer, and wait for the rebuild in progress (if any). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#clearTimer();
    this.#pending.clear();
    if (this.#running) await this.#running;
  }

  #arm(delay: number): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#fire();
    }, Math.max(0, delay));
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #fire(): void {
    if (this.#closed || this.#running || this.#pending.size === 0) return;
    const batch: ChangeBatch = { changes: this.#pending, firstEventAt: this.#firstAt, lastEventAt: this.#lastAt };
    this.#pending = new Map();
    void this.#start(batch);
  }

  #start(batch: ChangeBatch): Promise<void> {
    const running = (async () => {
      try {
        await this.options.run(batch);
      } catch (error) {
        this.options.onError?.(error);
      }
    })();
    this.#running = running.finally(() => {
      this.#running = undefined;
      // Events that came in during the rebuild: one more rebuild, once their burst has gone quiet.
      if (this.#pending.size > 0 && !this.#closed) this.#arm(this.#lastAt + this.options.debounceMs - this.#now());
    });
    return this.#running;
  }
}
