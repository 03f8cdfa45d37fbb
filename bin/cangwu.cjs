#!/usr/bin/env node
// The `cangwu` command: the CLI host, bundled by `npm run build`. The bundle
// runs its command on load (electron/cli.ts reads process.argv itself).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'dist', 'electron', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('cangwu: not built yet; run `npm run build` in ' + path.resolve(__dirname, '..') + '\n');
  process.exit(1);
}
require(cli);
