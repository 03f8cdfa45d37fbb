// Electron's security checklist, read from the shell's source with the
// TypeScript compiler API (the binary cannot run here). Each check returns the
// problems it finds as sentences; checklist.test.ts expects none for the real
// sources, and some for sources with one item broken.
import ts from 'typescript';

export interface ShellSources {
  main: string;
  preload: string;
  csp: string;
}

function parse(text: string, name: string): ts.SourceFile {
  return ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function all<T extends ts.Node>(root: ts.Node, test: (n: ts.Node) => n is T): T[] {
  const found: T[] = [];
  walk(root, (n) => {
    if (test(n)) found.push(n);
  });
  return found;
}

/** `obj.method(...)` calls, with `obj` written as given (e.g. 'ipcMain', 'shell') or any receiver when omitted. */
function methodCalls(root: ts.Node, method: string, receiver?: string): ts.CallExpression[] {
  return all(
    root,
    (n): n is ts.CallExpression =>
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === method &&
      (receiver === undefined || n.expression.expression.getText() === receiver),
  );
}

/** Every identifier or property name anywhere in `root`. */
function mentions(root: ts.Node, name: string): boolean {
  return all(root, (n): n is ts.Identifier => ts.isIdentifier(n) && n.text === name).length > 0;
}

function literal(expr: ts.Expression | undefined): boolean | string | undefined {
  if (!expr) return undefined;
  if (expr.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (expr.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  return undefined;
}

function property(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name)
      return p.initializer;
  }
  return undefined;
}

function isFunction(n: ts.Node | undefined): n is ts.ArrowFunction | ts.FunctionExpression {
  return !!n && (ts.isArrowFunction(n) || ts.isFunctionExpression(n));
}

/** The statements at the top level of the module and inside top-level if/else blocks (not in functions). */
function topLevelStatements(sf: ts.SourceFile): ts.Statement[] {
  const out: ts.Statement[] = [];
  const visit = (s: ts.Statement) => {
    out.push(s);
    if (ts.isIfStatement(s)) {
      visit(s.thenStatement);
      if (s.elseStatement) visit(s.elseStatement);
    } else if (ts.isBlock(s)) s.statements.forEach(visit);
  };
  sf.statements.forEach(visit);
  return out;
}

const requiredWebPreferences: Record<string, boolean> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
};
const forbiddenWebPreferences = ['enableBlinkFeatures', 'experimentalFeatures', 'enableRemoteModule'];

/** Every BrowserWindow's webPreferences, as literals in the constructor call. */
function checkWindows(sf: ts.SourceFile): string[] {
  const problems: string[] = [];
  const windows = all(
    sf,
    (n): n is ts.NewExpression =>
      ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'BrowserWindow',
  );
  if (windows.length === 0) problems.push('no `new BrowserWindow(...)` found in main.ts');
  for (const win of windows) {
    const where = `BrowserWindow at line ${sf.getLineAndCharacterOfPosition(win.getStart()).line + 1}`;
    const options = win.arguments?.[0];
    const prefs = options && ts.isObjectLiteralExpression(options) ? property(options, 'webPreferences') : undefined;
    if (!prefs || !ts.isObjectLiteralExpression(prefs)) {
      problems.push(`${where}: webPreferences must be an object literal`);
      continue;
    }
    for (const [name, value] of Object.entries(requiredWebPreferences)) {
      if (literal(property(prefs, name)) !== value) problems.push(`${where}: webPreferences.${name} must be ${value}`);
    }
    const blink = literal(property(prefs, 'disableBlinkFeatures'));
    if (typeof blink !== 'string' || !blink.split(',').includes('Auxclick'))
      problems.push(`${where}: webPreferences.disableBlinkFeatures must include 'Auxclick'`);
    for (const name of forbiddenWebPreferences) {
      if (property(prefs, name) !== undefined) problems.push(`${where}: webPreferences.${name} must not be set`);
    }
  }
  return problems;
}

/** The page comes from the app:// scheme: registered before ready, handled, loaded; no file:// loads. */
function checkScheme(sf: ts.SourceFile): string[] {
  const problems: string[] = [];
  const top = topLevelStatements(sf);
  const atTop = (method: string, receiver: string) =>
    top.some((s) => ts.isExpressionStatement(s) && methodCalls(s, method, receiver).length > 0);
  if (!atTop('registerSchemesAsPrivileged', 'protocol'))
    problems.push('protocol.registerSchemesAsPrivileged must run at the top level (before the app is ready)');
  if (!atTop('enableSandbox', 'app')) problems.push('app.enableSandbox() must run at the top level');
  const handlers = methodCalls(sf, 'handle').filter((c) =>
    /(^|\.)protocol$/.test((c.expression as ts.PropertyAccessExpression).expression.getText()),
  );
  if (handlers.length === 0) problems.push('no protocol.handle(...) serves the renderer');
  for (const h of handlers) {
    if (!mentions(h, 'appResponse'))
      problems.push('protocol.handle must answer with appResponse (CSP on every response, path checks)');
  }
  if (!methodCalls(sf, 'loadURL').some((c) => c.arguments[0]?.getText() === 'APP_INDEX_URL'))
    problems.push('the window must load APP_INDEX_URL (app://cangwu/index.html)');
  if (methodCalls(sf, 'loadFile').length > 0) problems.push('loadFile (file://) must not be used');
  for (const s of all(sf, (n): n is ts.StringLiteral => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)))
    if (/^file:/i.test(s.text)) problems.push(`a file: URL literal (${s.getText()}) in main.ts`);
  return problems;
}

/** Permission request and check handlers both deny, always. */
function checkPermissions(sf: ts.SourceFile): string[] {
  const problems: string[] = [];
  const request = methodCalls(sf, 'setPermissionRequestHandler');
  if (request.length === 0) problems.push('no setPermissionRequestHandler');
  for (const call of request) {
    const fn = call.arguments[0];
    const cb = isFunction(fn) ? fn.parameters[2]?.name.getText() : undefined;
    const body = isFunction(fn) ? fn.body : undefined;
    const deniesOnly =
      !!cb &&
      !!body &&
      ts.isCallExpression(body) &&
      body.expression.getText() === cb &&
      literal(body.arguments[0]) === false;
    if (!deniesOnly) problems.push('setPermissionRequestHandler must be `(_, _, callback) => callback(false)`');
  }
  const check = methodCalls(sf, 'setPermissionCheckHandler');
  if (check.length === 0) problems.push('no setPermissionCheckHandler');
  for (const call of check) {
    const fn = call.arguments[0];
    if (!isFunction(fn) || literal(fn.body as ts.Expression) !== false)
      problems.push('setPermissionCheckHandler must be `() => false`');
  }
  return problems;
}

/** `contents.on(event, handler)` registrations. */
function onHandlers(sf: ts.SourceFile, event: string): ts.Node[] {
  return methodCalls(sf, 'on')
    .filter((c) => literal(c.arguments[0]) === event)
    .map((c) => c.arguments[1])
    .filter((fn): fn is ts.Expression => !!fn);
}

/** Navigation within our origin only, no new windows, no webviews. */
function checkNavigation(sf: ts.SourceFile): string[] {
  const problems: string[] = [];
  for (const event of ['will-navigate', 'will-redirect']) {
    const handlers = onHandlers(sf, event);
    if (handlers.length === 0) problems.push(`no '${event}' handler`);
    for (const fn of handlers) {
      if (!isFunction(fn) || !mentions(fn.body, 'isAppOrigin') || methodCalls(fn, 'preventDefault').length === 0)
        problems.push(`the '${event}' handler must preventDefault() unless isAppOrigin(url)`);
    }
  }
  const webview = onHandlers(sf, 'will-attach-webview');
  if (webview.length === 0) problems.push("no 'will-attach-webview' handler");
  for (const fn of webview) {
    // Unconditional: the body is the preventDefault call itself, or a block whose only statement is it.
    const body = isFunction(fn) ? fn.body : undefined;
    const only =
      body && ts.isBlock(body) && body.statements.length === 1 && ts.isExpressionStatement(body.statements[0]!)
        ? body.statements[0].expression
        : body;
    if (!only || !ts.isCallExpression(only) || !/\.preventDefault$/.test(only.expression.getText()))
      problems.push("the 'will-attach-webview' handler must always preventDefault()");
  }
  const open = methodCalls(sf, 'setWindowOpenHandler');
  if (open.length === 0) problems.push('no setWindowOpenHandler');
  for (const call of open) {
    const fn = call.arguments[0];
    let result = isFunction(fn) ? fn.body : undefined;
    while (result && ts.isParenthesizedExpression(result)) result = result.expression;
    if (!result || !ts.isObjectLiteralExpression(result) || literal(property(result, 'action')) !== 'deny')
      problems.push("setWindowOpenHandler must be `() => ({ action: 'deny' })`");
  }
  return problems;
}

function functionNamed(sf: ts.SourceFile, name: string): ts.FunctionDeclaration | undefined {
  return all(sf, (n): n is ts.FunctionDeclaration => ts.isFunctionDeclaration(n) && n.name?.text === name)[0];
}

/** Every ipcMain handler starts by checking the sender frame (fromOurPage), which checks the frame's URL is our page. */
function checkIpc(sf: ts.SourceFile): string[] {
  const problems: string[] = [];
  const guard = functionNamed(sf, 'fromOurPage');
  if (!guard) problems.push('no fromOurPage(event) sender check');
  else {
    for (const needed of ['senderFrame', 'isAppPageUrl', 'parent'])
      if (!mentions(guard, needed)) problems.push(`fromOurPage must check ${needed}`);
  }
  const registrations = all(
    sf,
    (n): n is ts.CallExpression =>
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.expression.getText() === 'ipcMain',
  );
  if (registrations.length === 0) problems.push('no ipcMain handlers found');
  for (const call of registrations) {
    const method = (call.expression as ts.PropertyAccessExpression).name.text;
    if (method === 'removeHandler' || method === 'removeListener' || method === 'removeAllListeners') continue;
    const arg = call.arguments[1];
    const fn = arg && ts.isIdentifier(arg) ? functionNamed(sf, arg.text) : isFunction(arg) ? arg : undefined;
    const label = `ipcMain.${method}(${call.arguments[0]?.getText() ?? ''})`;
    if (!fn?.body || !ts.isBlock(fn.body)) {
      problems.push(`${label}: its handler must be a function declared in main.ts`);
      continue;
    }
    // The first statement is the guard: `if (... !fromOurPage(event) ...) return ...;`
    const first = fn.body.statements[0];
    const event = fn.parameters[0]?.name.getText();
    // `if (a || !fromOurPage(event) || b) return …`: the negated guard is one
    // of the ||-joined conditions, so whenever it fails the handler returns.
    const orOperands = (e: ts.Expression): ts.Expression[] => {
      while (ts.isParenthesizedExpression(e)) e = e.expression;
      return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken
        ? [...orOperands(e.left), ...orOperands(e.right)]
        : [e];
    };
    const guarded =
      !!first &&
      ts.isIfStatement(first) &&
      orOperands(first.expression).some(
        (e) =>
          ts.isPrefixUnaryExpression(e) &&
          e.operator === ts.SyntaxKind.ExclamationToken &&
          ts.isCallExpression(e.operand) &&
          e.operand.expression.getText() === 'fromOurPage' &&
          e.operand.arguments[0]?.getText() === event,
      ) &&
      (ts.isReturnStatement(first.thenStatement) ||
        (ts.isBlock(first.thenStatement) && first.thenStatement.statements.some(ts.isReturnStatement)));
    if (!guarded) problems.push(`${label}: must begin with \`if (!fromOurPage(${event ?? 'event'})) return …\``);
  }
  return problems;
}

/** No shell.openExternal at all; shell.openPath only on the file the user just chose in a save dialog. */
function checkShell(sf: ts.SourceFile, file: string): string[] {
  const problems: string[] = [];
  if (methodCalls(sf, 'openExternal').length > 0) problems.push(`${file}: shell.openExternal must not be used`);
  for (const call of methodCalls(sf, 'openPath')) {
    const arg = call.arguments[0];
    let ok = false;
    if (arg && ts.isPropertyAccessExpression(arg) && arg.name.text === 'filePath' && ts.isIdentifier(arg.expression)) {
      const chosen = arg.expression.text;
      // `const chosen = await dialog.showSaveDialog(...)` in the same function.
      let scope: ts.Node = call;
      while (scope.parent && !ts.isFunctionLike(scope)) scope = scope.parent;
      ok = all(
        scope,
        (n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && n.name.getText() === chosen,
      ).some((d) => !!d.initializer && methodCalls(d.initializer, 'showSaveDialog', 'dialog').length > 0);
    }
    if (!ok) problems.push(`${file}: shell.openPath only on the filePath a dialog.showSaveDialog just returned`);
  }
  return problems;
}

/** The preload exposes one object, and calls IPC only on the contract's fixed channels. */
function checkPreload(sf: ts.SourceFile): string[] {
  const problems: string[] = [];
  const exposes = methodCalls(sf, 'exposeInMainWorld', 'contextBridge');
  if (exposes.length !== 1) problems.push('the preload must call contextBridge.exposeInMainWorld exactly once');
  for (const call of methodCalls(sf, 'exposeInMainWorld')) {
    // What is exposed must not be, or carry, ipcRenderer itself.
    const exposed = call.arguments[1];
    const decl =
      exposed && ts.isIdentifier(exposed)
        ? all(
            sf,
            (n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && n.name.getText() === exposed.text,
          )[0]
        : undefined;
    const value = decl?.initializer ?? exposed;
    if (!value || !ts.isObjectLiteralExpression(value)) {
      problems.push('exposeInMainWorld must expose an object literal of functions');
      continue;
    }
    for (const p of value.properties) {
      if (ts.isSpreadAssignment(p) || ts.isShorthandPropertyAssignment(p))
        problems.push(`the exposed object must not spread or pass through values (${p.getText()})`);
      else if (ts.isPropertyAssignment(p) && !isFunction(p.initializer))
        problems.push(`the exposed ${p.name.getText()} must be a function`);
    }
  }
  for (const method of ['send', 'sendSync', 'sendTo', 'sendToHost', 'postMessage'])
    if (methodCalls(sf, method, 'ipcRenderer').length > 0)
      problems.push(`the preload must not use ipcRenderer.${method}`);
  for (const method of ['invoke', 'on', 'once', 'removeListener']) {
    for (const call of methodCalls(sf, method, 'ipcRenderer')) {
      const channel = call.arguments[0];
      if (!channel || !ts.isPropertyAccessExpression(channel) || channel.expression.getText() !== 'ipcChannels')
        problems.push(`ipcRenderer.${method} must use a fixed ipcChannels.* channel, not ${channel?.getText() ?? '?'}`);
    }
  }
  // An `ipcRenderer` identifier anywhere except as the receiver of a call would hand it out.
  walk(sf, (n) => {
    if (!ts.isIdentifier(n) || n.text !== 'ipcRenderer') return;
    const parent = n.parent;
    const asReceiver = ts.isPropertyAccessExpression(parent) && parent.expression === n;
    const inImport = ts.isImportSpecifier(parent);
    if (!asReceiver && !inImport) problems.push(`ipcRenderer is passed around at: ${parent.getText()}`);
  });
  return problems;
}

/** Parses the CSP literal from csp.ts into its directives. */
export function cspDirectives(cspSource: string): Map<string, string[]> | null {
  const sf = parse(cspSource, 'csp.ts');
  const assignment = all(
    sf,
    (n): n is ts.BinaryExpression =>
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isElementAccessExpression(n.left) &&
      literal(n.left.argumentExpression) === 'Content-Security-Policy',
  )[0];
  const policy = literal(assignment?.right);
  if (typeof policy !== 'string') return null;
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** A strict policy: scripts only from our own origin, never eval or inline script. */
function checkCsp(cspSource: string): string[] {
  const d = cspDirectives(cspSource);
  if (!d) return ["csp.ts must assign the policy as one string literal to securityHeaders['Content-Security-Policy']"];
  const problems: string[] = [];
  const expect = (name: string, values: string[]) => {
    if ((d.get(name) ?? []).join(' ') !== values.join(' '))
      problems.push(`CSP ${name} must be ${values.join(' ')} (is ${d.get(name)?.join(' ') ?? 'missing'})`);
  };
  expect('default-src', ["'self'"]);
  expect('script-src', ["'self'"]);
  expect('object-src', ["'none'"]);
  expect('base-uri', ["'none'"]);
  expect('frame-ancestors', ["'none'"]);
  for (const [name, values] of d) {
    if (values.includes("'unsafe-eval'") || values.includes("'wasm-unsafe-eval'"))
      problems.push(`CSP ${name} must not allow eval`);
    if (values.some((v) => v === '*' || /^https?:$/.test(v) || v === 'http:'))
      problems.push(`CSP ${name} must not allow any host (${values.join(' ')})`);
  }
  return problems;
}

/** Every problem the checklist finds in these sources; empty when all items hold. */
export function shellChecklist(src: ShellSources): string[] {
  const main = parse(src.main, 'main.ts');
  const preload = parse(src.preload, 'preload.ts');
  return [
    ...checkWindows(main),
    ...checkScheme(main),
    ...checkPermissions(main),
    ...checkNavigation(main),
    ...checkIpc(main),
    ...checkShell(main, 'main.ts'),
    ...checkShell(preload, 'preload.ts'),
    ...checkPreload(preload),
    ...checkCsp(src.csp),
  ];
}

/** shell.openExternal / shell.openPath misuse in any other file of the Electron host. */
export function shellCallProblems(text: string, file: string): string[] {
  return checkShell(parse(text, file), file);
}
