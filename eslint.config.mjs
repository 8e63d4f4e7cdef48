// Lint, and the architecture's one direction of dependency, enforced per folder:
// src/core is pure (no vscode, no AWS SDK, no node built-ins), src/aws and src/demo never import
// vscode, webview code imports only src/shared.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_') && !name.includes('/'));
const noNodeBuiltins = [
  { group: ['node:*'], message: 'src/core is pure: pass what it needs in through a port.' },
  ...nodeBuiltins.map((name) => ({ group: [name, `${name}/*`], message: 'src/core is pure: pass what it needs in through a port.' })),
];
const noVscode = { name: 'vscode', message: 'Only src/vscode and src/extension.ts may import vscode.' };
const noAwsSdk = { group: ['@aws-sdk/*', '@smithy/*'], message: 'Only src/aws talks to AWS.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.e2e/**', 'out/**', 'bench-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noAwsSdk, ...noNodeBuiltins, { group: ['**/aws/**', '**/demo/**', '**/vscode/**', '**/cli/**', '**/shared/**', '**/cli', '**/extension'], message: 'src/core depends on nothing else in src.' }] }],
    },
  },
  {
    files: ['src/aws/**/*.ts', 'src/demo/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts', 'src/store/**/*.ts', 'src/alerts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [{ group: ['**/vscode/**', '**/extension'], message: 'Dependencies point from vscode to the rest, never back.' }] }],
    },
  },
  {
    files: ['src/demo/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noAwsSdk, { group: ['**/aws/**', '**/vscode/**', '**/cli/**'], message: 'The demo account depends on src/core only.' }] }],
    },
  },
  {
    files: ['src/shared/**/*.ts', 'webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noAwsSdk, ...noNodeBuiltins, { group: ['**/core/**', '**/aws/**', '**/vscode/**', '**/demo/**', '**/cli/**'], message: 'Webviews and the protocol share only src/shared.' }] }],
    },
  },
  {
    // Webview text goes in through textContent only: log lines are untrusted, and markup APIs
    // would turn them into elements (architecture.md: "innerHTML with log text" is to avoid).
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['innerHTML', 'outerHTML'].map((property) => ({ property, message: 'Set text with textContent (webview/common/dom.ts), never markup.' })),
        ...['insertAdjacentHTML', 'write', 'writeln', 'createContextualFragment', 'setHTMLUnsafe'].map((property) => ({ property, message: 'No markup from strings in webviews: build elements with webview/common/dom.ts.' })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']", message: "The panels' CSP forbids eval." },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
