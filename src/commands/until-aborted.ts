/** How the serving commands (dev, preview) know when to stop: an AbortSignal their caller owns. */

/** Resolves when `signal` aborts; never without one (the server then runs until the process ends). */
export function untilAborted(signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
