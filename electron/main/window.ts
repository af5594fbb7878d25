/** The options our window is always created with; exported so a test can check them. */
export const secureWebPreferences = (preloadPath: string) => ({
  preload: preloadPath,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
});

export interface BrowserWindowLike {
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

export type BrowserWindowCtor<W extends BrowserWindowLike> = new (options: {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  autoHideMenuBar: boolean;
  webPreferences: ReturnType<typeof secureWebPreferences>;
}) => W;

/** Creates the app window with hardened preferences and loads the renderer. */
export const createMainWindow = <W extends BrowserWindowLike>(
  BrowserWindow: BrowserWindowCtor<W>,
  { preloadPath, rendererUrl }: { preloadPath: string; rendererUrl: string },
): W => {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Mowakaba',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
};
