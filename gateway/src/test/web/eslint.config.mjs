// The web application's scripts are ES modules for current browsers, loaded as they are written (no bundler).
import js from '@eslint/js';
import globals from 'globals';
import importPlugin from 'eslint-plugin-import';

export default [
  js.configs.recommended,
  {
    files: ['js/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser } },
    plugins: { import: importPlugin },
    rules: {
      // A page's modules are linked by the browser: a name one imports that another does not export, or a file
      // that is not there, leaves the whole page blank.
      'import/named': 'error',
      'import/no-unresolved': 'error',
      'import/namespace': 'error',
      // A caught error the code does not read is named for what it means ("catch (unreachable)").
      'no-unused-vars': ['error', { caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['**/*.test.mjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
  },
];
