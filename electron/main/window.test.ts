import { describe, expect, it } from 'vitest';
import { createMainWindow, type BrowserWindowCtor, type BrowserWindowLike } from './window.ts';

type WindowOptions = ConstructorParameters<BrowserWindowCtor<BrowserWindowLike>>[0];

class FakeBrowserWindow implements BrowserWindowLike {
  static created: FakeBrowserWindow[] = [];
  readonly options: WindowOptions;
  readonly loaded: string[] = [];
  readonly onceListeners = new Map<string, () => void>();
  shown = 0;

  constructor(options: WindowOptions) {
    this.options = options;
    FakeBrowserWindow.created.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }

  once(event: 'ready-to-show', listener: () => void) {
    this.onceListeners.set(event, listener);
    return this;
  }

  show() {
    this.shown += 1;
  }
}

const open = () =>
  createMainWindow(FakeBrowserWindow, { preloadPath: '/app/out/preload/index.cjs', rendererUrl: 'file:///app/out/renderer/index.html' });

describe('createMainWindow', () => {
  it('creates one window with hardened web preferences and our preload', () => {
    const before = FakeBrowserWindow.created.length;
    const window = open();
    expect(FakeBrowserWindow.created.length).toBe(before + 1);
    const prefs = window.options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('loads the renderer URL', () => {
    expect(open().loaded).toEqual(['file:///app/out/renderer/index.html']);
  });

  it('stays hidden until the page is ready to show', () => {
    const window = open();
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(0);
    const ready = window.onceListeners.get('ready-to-show');
    expect(ready).toBeDefined();
    ready?.();
    expect(window.shown).toBe(1);
  });
});
