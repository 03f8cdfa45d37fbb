// The sandboxed preload: exposes `window.cangwu` (CangwuBridge) and nothing
// else. A sandboxed preload can require only 'electron' and a few shims, and
// whatever it imports is bundled into it, so it imports the plain name list
// (names.ts), never requests.ts with its zod schemas.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CangwuBridge, SavePdfResult } from '../shared/contract/bridge';
import type { EventMessage } from '../shared/contract/events';
import { isListedRequestName } from '../shared/contract/names';
import { ipcChannels } from '../shared/contract/protocol';
import { stationNameStorageKey } from '../shared/station/stationName';
import type { Result } from '../shared/contract/result';

/** The name the window chose on the login screen, or null (the host's station); the main process checks it. */
function chosenStation(): string | null {
  try {
    return localStorage.getItem(stationNameStorageKey);
  } catch {
    return null;
  }
}

const bridge: CangwuBridge = {
  request(name, input) {
    // A name outside the contract never reaches IPC (the main process would
    // refuse it as well; this keeps the channel to what the contract lists).
    if (!isListedRequestName(name)) {
      return Promise.resolve<Result<unknown>>({ ok: false, error: { code: 'contract.unknownRequest' } });
    }
    // The station this window named (issue 15 §5), kept in its storage like a browser's.
    return (ipcRenderer.invoke(ipcChannels.request, name, input, chosenStation()) as Promise<Result<unknown>>).catch(
      // invoke rejects when the input cannot be cloned (a function, a DOM
      // node) or the main process is gone: still a result, never a throw.
      (): Result<unknown> => ({ ok: false, error: { code: 'contract.internal' } }),
    );
  },
  onEvent(listener) {
    // The page gets the message only, never the IpcRendererEvent (which would
    // hand it `sender`, i.e. ipcRenderer itself).
    const handler = (_event: IpcRendererEvent, msg: EventMessage) => listener(msg);
    ipcRenderer.on(ipcChannels.event, handler);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, handler);
    };
  },
  savePdf(fileName) {
    return (ipcRenderer.invoke(ipcChannels.savePdf, String(fileName)) as Promise<SavePdfResult>).catch(
      (): SavePdfResult => ({ saved: false, reason: 'failed' }),
    );
  },
};

contextBridge.exposeInMainWorld('cangwu', bridge);
