/**
 * A task run every `ms`, never twice at once: a run still under way (Redis away, its commands
 * waiting for it) is not joined by another each period, which would pile up commands and memory
 * for as long as the outage lasts. The timer does not keep the process alive; `onError` hears of
 * a failed run, and the next period tries again.
 */
export function repeat(
  ms: number,
  task: () => Promise<unknown>,
  onError: (err: unknown) => void,
): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, ms);
  timer.unref();
  return timer;
}
