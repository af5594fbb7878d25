import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { closeCoreBeforeQuit } from './quit.ts';

const fakeApp = () => {
  const emitter = new EventEmitter();
  const app = {
    on: (event: 'before-quit', listener: (event: { preventDefault(): void }) => void) => emitter.on(event, listener),
    // Like Electron: quit() emits before-quit, and the app quits unless a listener prevented it.
    quit: vi.fn(() => {
      let prevented = false;
      emitter.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) app.quitted += 1;
    }),
    quitted: 0,
  };
  return app;
};

describe('closeCoreBeforeQuit', () => {
  it('waits for the core to close the store before the app quits, then quits once', async () => {
    const app = fakeApp();
    let finish = () => undefined as void;
    const core = { close: vi.fn(() => new Promise<void>((resolve) => (finish = resolve))) };
    closeCoreBeforeQuit(app, core);
    app.quit();
    app.quit();
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(app.quitted).toBe(0);
    finish();
    await vi.waitFor(() => expect(app.quitted).toBe(1));
    expect(core.close).toHaveBeenCalledTimes(1);
  });

  it('still quits when closing the core fails', async () => {
    const app = fakeApp();
    closeCoreBeforeQuit(app, { close: () => Promise.reject(new Error('gone')) });
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(1));
  });
});
