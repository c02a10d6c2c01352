/**
 * How a long-running command (the mock, the proxy) waits to be told to stop: the first of the
 * given signals, or the abort of an in-process caller's signal (the tests). The handlers are
 * installed at once — before the command announces its address, since a script may signal it the
 * moment it reads that line — and removed when it fires, so a second signal takes its usual course.
 */
export function untilStopped(signals: readonly NodeJS.Signals[], abort?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      for (const signal of signals) process.off(signal, stop);
      abort?.removeEventListener('abort', stop);
      resolve();
    };
    for (const signal of signals) process.on(signal, stop);
    if (abort?.aborted) stop();
    else abort?.addEventListener('abort', stop);
  });
}
