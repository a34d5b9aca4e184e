/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS require hook: it exists only where require() does */
// Runs a TypeScript entry point in a plain Node process — `node test/support/run-ts.js src/cli/x.ts args…` —
// compiled on load by @swc/core with the options jest.config.js gives @swc/jest, so a test can
// start a CLI as its own process (and kill it) without building dist/ first.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};

// The entry point sees the argv it would see run directly: [node, entry, args…].
process.argv.splice(1, 1);
require(resolve(process.argv[1]));
