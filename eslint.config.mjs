// ESLint (flat config): typescript-eslint's type-aware recommended rules, less the ones that only
// restate `any` (see the rules below), plus the test rules of STYLE: no focused or skipped tests.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', '.data/', '.tmp/', '.ci/node-lts/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `any` enters only at the edges (JSON bodies in the tests, jsonb rows, the log's untyped
      // event data), where each of these rules would flag every property read; strict tsc types
      // the rest. Left on, they were 900+ findings that a cast would silence without a fix.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `const { left: _, ...rest } = x` is how a field is left out here; the compiler's
      // noUnusedLocals already catches the rest.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // An async method that has nothing to await is how an in-memory fake (or a hook) keeps the
      // promise-returning shape of the interface it stands for.
      '@typescript-eslint/require-await': 'off',
      // A focused test hides the rest of the suite; a skipped one must say why (in the
      // eslint-disable comment that lets it through).
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].flatMap((object) => [
          { object, property: 'only', message: 'A focused test hides the rest of the suite.' },
          { object, property: 'skip', message: 'Make it run, or say why not in an eslint-disable comment.' },
        ]),
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        module: 'readonly',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {
    // The status page's script runs in the browser.
    files: ['src/status-page/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        EventSource: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Intl: 'readonly',
      },
    },
  },
);
