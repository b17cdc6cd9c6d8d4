import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Domain code takes what it needs as arguments; only the CLI layer talks to the terminal.
    files: ['src/db/**', 'src/import/**', 'src/stats/**', 'src/report/**', 'src/i18n/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['commander', 'chalk', 'inquirer'], patterns: ['**/cli/**'] },
      ],
      'no-restricted-globals': ['error', 'process'],
      'no-console': 'error',
    },
  },
  {
    files: ['bin/**', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
