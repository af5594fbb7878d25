/** The part of Electron's `app` the quit glue uses (an EventEmitter in tests). */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/**
 * Holds the first quit until the core has finished its calls, stopped the sync and closed the
 * store, then quits for real; the quits asked for in between wait for that same close.
 */
export const closeCoreBeforeQuit = (app: QuittingApp, core: { close(): Promise<void> }): void => {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void core
      .close()
      .catch(() => undefined)
      .then(() => {
        state = 'closed';
        app.quit();
      });
  });
};
