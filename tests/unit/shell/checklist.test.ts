// Electron's security checklist for the shell, read from the source (the
// binary cannot run here): the real main.ts, preload.ts and csp.ts pass, and
// each item, broken on its own in a copy of the source, is caught.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellCallProblems, shellChecklist, type ShellSources } from './checklist';

const root = path.resolve(__dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
const sources: ShellSources = {
  main: read('electron/main.ts'),
  preload: read('electron/preload.ts'),
  csp: read('electron/csp.ts'),
};

/** The sources with one text replaced (which must occur, so a refactor cannot make a case vacuous). */
function broken(file: keyof ShellSources, from: string | RegExp, to: string): ShellSources {
  const text = sources[file];
  expect(text, `${file} no longer contains ${String(from)}`).toMatch(from);
  return { ...sources, [file]: text.replace(from, to) };
}

describe('the Electron shell against the security checklist', () => {
  it('main.ts, preload.ts and csp.ts hold every item', () => {
    expect(shellChecklist(sources)).toEqual([]);
  });

  it('no file of the Electron host calls shell.openExternal, or shell.openPath on a path the user did not choose', () => {
    const files = fs
      .readdirSync(path.join(root, 'electron'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const problems = files.flatMap((f) => shellCallProblems(read(path.join('electron', f)), f));
    expect(problems).toEqual([]);
  });

  const regressions: Array<[string, ShellSources, RegExp]> = [
    ['context isolation off', broken('main', 'contextIsolation: true', 'contextIsolation: false'), /contextIsolation/],
    ['sandbox off', broken('main', 'sandbox: true', 'sandbox: false'), /sandbox must be true/],
    ['sandbox missing', broken('main', 'sandbox: true,', ''), /sandbox must be true/],
    ['app.enableSandbox gone', broken('main', 'app.enableSandbox();', ''), /enableSandbox/],
    ['node integration on', broken('main', 'nodeIntegration: false', 'nodeIntegration: true'), /nodeIntegration must/],
    ['node in workers', broken('main', 'nodeIntegrationInWorker: false', 'nodeIntegrationInWorker: true'), /InWorker/],
    [
      'node in subframes',
      broken('main', 'nodeIntegrationInSubFrames: false', 'nodeIntegrationInSubFrames: !0'),
      /SubFrames/,
    ],
    ['web security off', broken('main', 'webSecurity: true', 'webSecurity: false'), /webSecurity/],
    [
      'insecure content',
      broken('main', 'allowRunningInsecureContent: false', 'allowRunningInsecureContent: true'),
      /allowRunningInsecureContent/,
    ],
    ['webview tag on', broken('main', 'webviewTag: false', 'webviewTag: true'), /webviewTag/],
    ['Auxclick not disabled', broken('main', "disableBlinkFeatures: 'Auxclick',", ''), /Auxclick/],
    [
      'experimental features',
      broken('main', 'webviewTag: false,', 'webviewTag: false, experimentalFeatures: true,'),
      /experimentalFeatures/,
    ],
    [
      'loaded from file://',
      broken('main', 'win.loadURL(APP_INDEX_URL)', 'win.loadFile(rendererDir)'),
      /loadFile|APP_INDEX_URL/,
    ],
    [
      'scheme registered late',
      broken(
        'main',
        /\nprotocol\.registerSchemesAsPrivileged/,
        '\nfunction later() { protocol.registerSchemesAsPrivileged',
      ),
      /registerSchemesAsPrivileged/,
    ],
    [
      'protocol served without appResponse',
      broken('main', 'appResponse(request.url, rendererDir, request.method)', 'net.fetch(request.url)'),
      /appResponse/,
    ],
    ['permission requests granted', broken('main', 'callback(false)', 'callback(true)'), /setPermissionRequestHandler/],
    [
      'permission checks granted',
      broken('main', 'setPermissionCheckHandler(() => false)', 'setPermissionCheckHandler(() => true)'),
      /setPermissionCheckHandler/,
    ],
    [
      'navigation anywhere',
      broken(
        'main',
        "contents.on('will-navigate', (e, url) => {\n      if (!isAppOrigin(url)) e.preventDefault();\n    });",
        '',
      ),
      /will-navigate/,
    ],
    [
      'navigation not checked',
      broken('main', 'if (!isAppOrigin(url)) e.preventDefault();', 'console.log(url, e);'),
      /will-navigate/,
    ],
    ['pop-ups allowed', broken('main', "({ action: 'deny' })", "({ action: 'allow' })"), /setWindowOpenHandler/],
    [
      'webviews attached',
      broken('main', "contents.on('will-attach-webview', (e) => e.preventDefault());", ''),
      /will-attach-webview/,
    ],
    [
      'webviews conditionally',
      broken('main', '(e) => e.preventDefault());', '(e, p) => p.src || e.preventDefault());'),
      /will-attach-webview/,
    ],
    [
      'IPC handler without the sender check',
      broken('main', 'if (!fromOurPage(event) || !mainWindow)', 'if (!mainWindow)'),
      /savePdf.*fromOurPage/,
    ],
    [
      'IPC sender check defeated',
      broken('main', 'if (!core || !fromOurPage(event))', 'if (!core || fromOurPage(event) || true)'),
      /request.*fromOurPage/,
    ],
    [
      'IPC sender check after the work',
      broken('main', /(async function handleRequest\([^)]*\)[^{]*\{\n)/, '$1  void core?.dispatch;\n'),
      /request.*fromOurPage/,
    ],
    ['sender check without the frame URL', broken('main', 'isAppPageUrl(frame.url)', 'true'), /isAppPageUrl/],
    [
      'openExternal',
      broken('main', 'void shell.openPath(choice.filePath);', 'void shell.openExternal(String(fileName));'),
      /openExternal/,
    ],
    [
      'openPath on a page-given path',
      broken('main', 'shell.openPath(choice.filePath)', 'shell.openPath(String(fileName))'),
      /openPath/,
    ],
    [
      'preload exposes ipcRenderer',
      broken('preload', 'savePdf(fileName) {', 'ipc: ipcRenderer,\n  savePdf(fileName) {'),
      /ipcRenderer/,
    ],
    [
      'preload sends on a page-given channel',
      broken(
        'preload',
        'ipcRenderer.invoke(ipcChannels.request, name, input, chosenStation())',
        'ipcRenderer.invoke(name, input, chosenStation())',
      ),
      /ipcChannels/,
    ],
    [
      'preload exposes twice',
      broken(
        'preload',
        "contextBridge.exposeInMainWorld('cangwu', bridge);",
        "contextBridge.exposeInMainWorld('cangwu', bridge);\ncontextBridge.exposeInMainWorld('x', bridge);",
      ),
      /exactly once/,
    ],
    ['CSP allows eval', broken('csp', "script-src 'self';", "script-src 'self' 'unsafe-eval';"), /script-src|eval/],
    [
      'CSP allows inline script',
      broken('csp', "script-src 'self';", "script-src 'self' 'unsafe-inline';"),
      /script-src/,
    ],
    ['CSP allows any host', broken('csp', "connect-src 'self';", 'connect-src *;'), /any host/],
    [
      'CSP assembled at run time',
      broken(
        'csp',
        /securityHeaders\['Content-Security-Policy'\] =\s*"[^"]*"/,
        "securityHeaders['Content-Security-Policy'] = directives.join('; ')",
      ),
      /one string literal/,
    ],
  ];

  it.each(regressions)('catches: %s', (_name, src, problem) => {
    const problems = shellChecklist(src);
    expect(problems.join('\n')).toMatch(problem);
  });
});
