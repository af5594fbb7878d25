import { app, BrowserWindow, ipcMain, safeStorage, session } from 'electron';
import electronUpdater from 'electron-updater';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ipcEventChannel } from '../../shared/contract/index.ts';
import { startCoreHost } from '../core/host/host.ts';
import { contentSecurityPolicy } from './csp.ts';
import { registerIpc } from './ipc.ts';
import { loadKeyringSeal } from './keyring-seal.ts';
import { closeCoreBeforeQuit } from './quit.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import { createTrustedSenderCheck } from './trusted-sender.ts';
import { createUpdates, quietUpdaterLogger } from './updates/updater.ts';
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

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    if (devServerUrl) {
      session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } }),
      );
    }
    const dataDir = app.getPath('userData');
    // Seals the keyring with the OS key store where it really protects it (not Linux basic_text).
    // A damaged seal must not keep the app from starting: the unlock screen then explains it.
    const seal = await loadKeyringSeal(safeStorage, dataDir).catch((error: unknown) => {
      console.error(`[main] keyring seal unavailable: ${error instanceof Error ? error.name : 'unknown'}`);
      return undefined;
    });
    const core = startCoreHost({
      workerUrl: new URL('./core-worker.js', import.meta.url),
      dataDir,
      ...(seal ? { seal } : {}),
      appVersion: app.getVersion(),
      locale: app.getLocale(),
    });
    // The only place electron-updater is imported; the feed URL comes from the branch server at run time.
    const { autoUpdater } = electronUpdater;
    autoUpdater.logger = quietUpdaterLogger;
    const updates = createUpdates({
      updater: autoUpdater,
      currentVersion: app.getVersion(),
      packaged: app.isPackaged,
      emit: (status) => mainWindow?.webContents.send(ipcEventChannel, 'updates:status', status),
      readSyncStatus: () => core.invoke('sync:status', undefined),
    });
    registerIpc({ ipcMain, isTrustedSender: createTrustedSenderCheck(rendererUrl), invoke: core.invoke, mainHandlers: updates.handlers });
    core.onEvent((name, payload) => {
      mainWindow?.webContents.send(ipcEventChannel, name, payload);
      updates.onCoreEvent(name, payload);
    });
    mainWindow = createMainWindow(BrowserWindow, { preloadPath, rendererUrl });
    closeCoreBeforeQuit(app, core);
    // Installs a downloaded update only when the policy allows it (changes pushed, or kept by choice).
    app.on('will-quit', () => void updates.onQuit());
  });
}
