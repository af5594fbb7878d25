import { contextBridge, ipcRenderer } from 'electron';
import {
  fail,
  ipcEventChannel,
  ipcInvokeChannel,
  isChannelName,
  isEventName,
  type WindowApi,
} from '../../shared/contract/index.ts';

// The renderer's only door to the core: contract channels and events, never ipcRenderer itself.
const api: WindowApi = {
  invoke: (channel, input) =>
    isChannelName(channel)
      ? ipcRenderer.invoke(ipcInvokeChannel, channel, input)
      : Promise.resolve(fail('validation', 'Unknown channel.')),
  on: (event, listener) => {
    if (!isEventName(event)) return () => undefined;
    const relay = (_event: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(ipcEventChannel, relay);
    return () => ipcRenderer.removeListener(ipcEventChannel, relay);
  },
};

contextBridge.exposeInMainWorld('api', api);
