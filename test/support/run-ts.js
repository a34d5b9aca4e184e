/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS loader hook: require is what it hooks */
// Runs a TypeScript file in a child process, compiled on the fly by @swc/core with the same
// options as the jest transform (jest.config.js), so a test can kill real code with SIGKILL.
// Usage: node test/support/run-ts.js <file.ts>
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

require(require('node:path').resolve(process.argv[2]));
