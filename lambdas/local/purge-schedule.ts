/** How often the local runtime purges the mailboxes of entities deregistered past the retention (one hour). */
export const LOCAL_PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** Options of {@link startPurgeSchedule}. */
export interface PurgeScheduleOptions {
  /** One purge run. */
  readonly run: () => Promise<unknown>;
  /** Receives every failed run; the schedule goes on. */
  readonly onError: (error: unknown) => void;
  /** Time between runs. @default LOCAL_PURGE_INTERVAL_MS */
  readonly intervalMs?: number;
}

/** A running schedule. */
export interface PurgeSchedule {
  /** Stops the timer and waits for a run in progress; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Runs `run` now and then every `intervalMs`, one run at a time (a tick during a run is skipped). Failures go to
 * `onError`, never to the caller, so a purge problem cannot stop the runtime. The timer does not keep Node alive.
 * @param options - the run, the error sink and the interval
 * @example
 * const schedule = startPurgeSchedule({ run: () => purgeDeregisteredMailboxes(deps, { now: new Date() }), onError });
 * await schedule.stop();
 */
export function startPurgeSchedule(options: PurgeScheduleOptions): PurgeSchedule {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= options
      .run()
      .then(
        () => undefined,
        (error: unknown) => options.onError(error),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? LOCAL_PURGE_INTERVAL_MS);
  timer.unref();
  tick();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
