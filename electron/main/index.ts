import { app, BrowserWindow, ipcMain, session } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ipcEventChannel } from '../../shared/contract/index.ts';
import { startCoreHost } from '../core/host/host.ts';
import { contentSecurityPolicy } from './csp.ts';
import { registerIpc } from './ipc.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import { createTrustedSenderCheck } from './trusted-sender.ts';
import { createMainWindow } from './window.ts';

// Glue only: every piece it wires is a module of its own with unit tests using fakes.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  const rendererUrl = devServerUrl ?? pathToFileURL(fileURLToPath(new URL('../renderer/index.html', import.meta.url))).href;
  const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
  let mainWindow: BrowserWindow | undefined;

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    if (devServerUrl) {
      session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } }),
      );
    }
    const core = startCoreHost({
      workerUrl: new URL('./core-worker.js', import.meta.url),
      dataDir: app.getPath('userData'),
      appVersion: app.getVersion(),
      locale: app.getLocale(),
    });
    registerIpc({ ipcMain, isTrustedSender: createTrustedSenderCheck(rendererUrl), invoke: core.invoke });
    core.onEvent((name, payload) => mainWindow?.webContents.send(ipcEventChannel, name, payload));
    mainWindow = createMainWindow(BrowserWindow, { preloadPath, rendererUrl });
    app.on('before-quit', () => void core.close());
  });
}
