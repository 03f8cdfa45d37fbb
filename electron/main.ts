// The Electron host: one window, the contract over IPC, events back to every
// window. Wiring only; the application is the core (./core), which the station
// host and the CLI open the same way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
} from 'electron';
import type { SavePdfResult } from '../shared/contract/bridge';
import type { EventMessage } from '../shared/contract/events';
import { ipcChannels } from '../shared/contract/protocol';
import { err, type Result } from '../shared/contract/result';
import { AppError, isAppError } from '../shared/errors';
import type { Caller } from './core/context';
import { openCore, type Core } from './core/core';
import { configuredDatabase, defaultDataDir } from './core/dataDir';
import { claimDataDir } from './core/dataDirLock';
import { APP_INDEX_URL, APP_SCHEME, appResponse, appSchemePrivileges, isAppOrigin, isAppPageUrl } from './appProtocol';
import { WindowCallers, windowStation } from './desktopStation';
import { EventOutbox } from './eventOutbox';
import { printDocumentPdf, writesDirectly } from './print/documentPdf';
import { printSession } from './print/headless';
import { electronPdfOptions } from './print/pdfLayout';
import { dataDirFromArgv } from './hostArgs';

// Bundled to dist/electron/main.cjs, next to preload.cjs; the renderer build
// sits in dist/renderer. The same layout holds inside the packaged app.asar.
// The page is served from app://cangwu/ (appProtocol.ts), never from file://.
const preloadPath = path.join(__dirname, 'preload.cjs');
const rendererDir = path.join(__dirname, '..', 'renderer');

// Before the app is ready (Electron's rule): app:// is a standard, secure
// origin, so 'self', fetch and the CSP behave as they do on https.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: appSchemePrivileges }]);

// The same data folder the CLI and the station host use (core/dataDir.ts, not
// Electron's app-name folder), or --data-dir for a tester or a second
// warehouse. userData follows it so the single-instance lock (kept in
// userData) guards exactly one console per database; Chromium's own files go
// to a subfolder so they do not mingle with the database and its backups.
const dataDir = dataDirFromArgv(process.argv) ?? defaultDataDir();
fs.mkdirSync(dataDir, { recursive: true });
app.setPath('userData', dataDir);
app.setPath('sessionData', path.join(dataDir, 'chromium'));

// Every renderer sandboxed, even one a future change forgets to configure.
app.enableSandbox();

let core: Core | null = null;
/** Releases the data-folder mark that makes `cangwu restore` refuse while we run. */
let releaseDataDir: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;
/** One caller (login session) per window, keyed by webContents id. */
/** Each window's caller, for the station it chose (desktopStation.ts). */
const callers = new WindowCallers();

if (!app.requestSingleInstanceLock()) {
  // Another console already has this data folder open; it gets focused below.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    // The console is one page: no navigation out of app://cangwu, no
    // pop-ups, no webviews.
    contents.on('will-navigate', (e, url) => {
      if (!isAppOrigin(url)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isAppOrigin(url)) e.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  app.on('window-all-closed', () => void shutdown());
  app.on('will-quit', (e) => {
    // Quitting from the menu skips window-all-closed; close the database first.
    if (core) {
      e.preventDefault();
      void shutdown();
    }
  });
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  lockDownSession();
  try {
    // One writer host per data folder (dataDirLock.ts): taken before the
    // database is opened, refused naming the holder.
    releaseDataDir = claimDataDir(dataDir, 'Cangwu console');
    // PostgreSQL when the folder or the environment names a server (dataDir.ts configuredDatabase).
    const database = configuredDatabase(dataDir);
    core = await openCore({ dataDir, database, station: os.hostname(), serial: true, backups: true });
  } catch (e) {
    releaseDataDir?.();
    releaseDataDir = null;
    fail(e);
    return;
  }
  core.subscribe(broadcast);
  // Scheduled report PDFs: the weekly report written by pdfkit (print/documentPdf.ts), the
  // others drawn in a hidden window of this console (printInHiddenWindow).
  const opened = core;
  opened.schedules.setPrinter((job) => printDocumentPdf(opened, job, printInHiddenWindow));
  core.schedules.start();
  ipcMain.handle(ipcChannels.request, handleRequest);
  ipcMain.handle(ipcChannels.savePdf, handleSavePdf);
  Menu.setApplicationMenu(buildMenu());
  mainWindow = createWindow();
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  // The renderer build, file by file, inside dist/renderer only; every
  // response (refusals too) carries the CSP header (appResponse, csp.ts).
  ses.protocol.handle(APP_SCHEME, (request) => appResponse(request.url, rendererDir, request.method));
  // No camera, notifications, serial-from-the-page, …: scanners are read by the core.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Hidden windows drawing a scheduled report (webContents ids): they may call the core like the main window. */
const printWindows = new Set<number>();

/**
 * A scheduled report as a PDF: the console's own print route in a hidden
 * window, logged in as the schedule's user by a session that lives for this
 * print only (print/headless.ts), printed with the layout every host shares.
 */
async function printInHiddenWindow(job: { route: string; userId: number }): Promise<Buffer> {
  const c = core;
  if (!c) throw new AppError('schedules.noPrinter');
  const session = await printSession(c, job.userId);
  // The same preferences as the console's window (createWindow), hidden.
  const win = new BrowserWindow({
    show: false,
    width: 1240,
    height: 1754,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A middle click on a link would otherwise try to open a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  const id = contents.id;
  printWindows.add(id);
  try {
    await win.loadURL(APP_INDEX_URL);
    await contents.executeJavaScript(
      `sessionStorage.setItem('cangwu.sessionToken', ${JSON.stringify(session.token)});` +
        `location.hash = ${JSON.stringify(`#/print/${job.route}`)}; location.reload();`,
    );
    // The sheet is drawn once its data has arrived (every print returns nothing before).
    const deadline = Date.now() + 60_000;
    const ready = "!!document.querySelector('.print-sheet[data-print-ready]')";
    while (!(await contents.executeJavaScript(ready).catch(() => false))) {
      if (Date.now() > deadline) throw new AppError('print.failed', { reason: 'the report did not load in 60 s' });
      await new Promise((r) => setTimeout(r, 200));
    }
    await contents.executeJavaScript('document.fonts.ready.then(() => true)');
    return await contents.printToPDF(electronPdfOptions);
  } finally {
    printWindows.delete(id);
    void session.end().catch(() => undefined);
    callers.drop(c, id);
    win.destroy();
  }
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: app.getName(),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A middle click on a link would otherwise try to open a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  const id = win.webContents.id;
  win.once('ready-to-show', () => win.show());
  win.webContents.once('destroyed', () => callers.drop(core, id));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_INDEX_URL);
  return win;
}

/** Only our own page in our own window may call in: not a subframe, not a page the window was somehow navigated to. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const win = mainWindow;
  const ours =
    (!!win && !win.isDestroyed() && event.sender.id === win.webContents.id) || printWindows.has(event.sender.id);
  return ours && !!frame && frame.parent === null && isAppPageUrl(frame.url);
}

async function handleRequest(
  event: IpcMainInvokeEvent,
  name: unknown,
  input: unknown,
  station?: unknown,
): Promise<Result<unknown>> {
  if (!core || !fromOurPage(event)) return err({ code: 'auth.forbidden' });
  if (typeof name !== 'string') return err({ code: 'contract.unknownRequest' });
  // The station the window named (issue 15 §5), else the host's.
  const caller = callers.get(core, event.sender.id, windowStation(station, core.station));
  try {
    return await core.dispatch(caller, name, input);
  } catch (e) {
    // The dispatcher turns service errors into results; this is the last net.
    console.error(`request ${name} failed`, e);
    return err({ code: 'contract.internal' });
  }
}

/** The page as printed (A4 and its print styles) to a PDF file the user picks, then opened. */
async function handleSavePdf(event: IpcMainInvokeEvent, fileName: unknown): Promise<SavePdfResult> {
  if (!fromOurPage(event) || !mainWindow) return { saved: false, reason: 'failed' };
  const safeName =
    String(fileName)
      .replace(/[\\/:*?"<>|]+/g, '_')
      .slice(0, 120) || 'cangwu.pdf';
  const choice = await dialog.showSaveDialog(mainWindow, {
    defaultPath: path.join(app.getPath('documents'), safeName.endsWith('.pdf') ? safeName : `${safeName}.pdf`),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return { saved: false, reason: 'cancelled' };
  try {
    // The documents pdfkit writes (the weekly report: Chromium's PDF writer takes ~20 s over
    // its 100 pages) are written as every host writes them (print/documentPdf.ts), as the
    // window's user; the others as printed, in the layout every host shares (A4 from the
    // @page rule, page x of y): electron/print/pdfLayout.ts.
    const asPrinted = () => event.sender.printToPDF(electronPdfOptions);
    const route = printRouteOf(event.sender.getURL());
    const user = core ? callerFor(core, event.sender.id).session : null;
    const pdf =
      core && user && route && writesDirectly(route)
        ? await printDocumentPdf(core, { route, userId: user.userId, locale: user.locale }, asPrinted)
        : await asPrinted();
    await fs.promises.writeFile(choice.filePath, pdf);
    void shell.openPath(choice.filePath);
    return { saved: true, file: choice.filePath };
  } catch (e) {
    console.error('saving a PDF failed', e);
    return { saved: false, reason: 'failed' };
  }
}

/** `weeklyReport?week=…` of a window showing `…#/print/weeklyReport?week=…`, else null. */
function printRouteOf(url: string): string | null {
  const hash = new URL(url).hash;
  return hash.startsWith('#/print/') ? hash.slice('#/print/'.length) : null;
}

/** The window's current caller (whatever station it last spoke for). */
function callerFor(c: Core, webContentsId: number): Caller {
  return callers.get(c, webContentsId);
}

const outbox = new EventOutbox<Electron.WebContents>({
  eventFor: (caller, msg) => core?.eventFor(caller, msg) ?? null,
});

/** Each window gets the events its user may see (core.eventFor), in order. */
function broadcast(msg: EventMessage): void {
  const c = core;
  if (!c) return;
  for (const win of BrowserWindow.getAllWindows()) {
    if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
    const contents = win.webContents;
    outbox.deliver(contents, callerFor(c, contents.id), msg, (shown) => {
      if (!contents.isDestroyed()) contents.send(ipcChannels.event, shown);
    });
  }
}

function buildMenu(): Menu {
  // The main process has no i18next; its few words follow the system language
  // (getLocale is only valid once the app is ready, hence here).
  const menuWords = app.getLocale().startsWith('zh')
    ? { file: '文件', print: '打印…', edit: '编辑', view: '视图' }
    : { file: 'File', print: 'Print…', edit: 'Edit', view: 'View' };
  const template: MenuItemConstructorOptions[] = [
    {
      label: menuWords.file,
      submenu: [
        {
          label: menuWords.print,
          accelerator: 'CmdOrCtrl+P',
          click: () => BrowserWindow.getFocusedWindow()?.webContents.print(),
        },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { label: menuWords.edit, role: 'editMenu' },
    // Zoom matters on scanning stations read from two metres away.
    { label: menuWords.view, role: 'viewMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

let closing: Promise<void> | null = null;
function shutdown(): Promise<void> {
  closing ??= (async () => {
    const c = core;
    core = null;
    try {
      await c?.close();
    } catch (e) {
      console.error('closing the database failed', e);
    }
    releaseDataDir?.();
    releaseDataDir = null;
    app.quit();
  })();
  return closing;
}

function fail(e: unknown): void {
  // A user sees the stable code (db.tooNew, db.corrupt, …), never a stack; the
  // terminal/log keeps the stack.
  console.error('Cangwu failed to start', e);
  const code = typeof e === 'object' && e && 'code' in e ? String((e as { code: unknown }).code) : 'contract.internal';
  // A folder held by another host: name it (dataDirLock.ts).
  const holder =
    isAppError(e) && e.code === 'dataDir.inUse' ? `\n${String(e.details.command)} (pid ${String(e.details.pid)})` : '';
  dialog.showErrorBox(app.getName(), `${code}\n${dataDir}${holder}`);
  app.exit(1);
}
