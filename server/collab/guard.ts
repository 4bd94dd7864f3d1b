// Timers, event handlers and socket callbacks run outside any request: an exception there
// would crash the process (or surface as an unhandled error in a test run). They log instead.

export function logFailure(label: string, error: unknown): void {
  try {
    console.error(`[casustafel] ${label}`, error);
  } catch {
    // Logging itself failed (a closed stderr): nothing more to do.
  }
}

/** `fn` wrapped so that whatever it throws, or its promise rejects with, is logged, never thrown. */
export function guarded<A extends unknown[]>(label: string, fn: (...args: A) => void | Promise<void>): (...args: A) => void {
  return (...args: A) => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch((error: unknown) => logFailure(label, error));
    } catch (error) {
      logFailure(label, error);
    }
  };
}
