import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The domain: everything below the CLI and the report renderers. */
const BELOW_THE_EDGE = [
  'src/db/**',
  'src/import/**',
  'src/stats/**',
  'src/register/**',
  'src/export/**',
  'src/filed/**',
  'src/*.ts',
];
const TERMINAL_LIBRARIES = ['commander', '@commander-js/extra-typings', 'chalk', 'inquirer'];
const NOT_THE_CLI = { group: ['**/cli/**'], message: 'The domain never reaches into the CLI.' };

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
    // A promise nobody awaits is a command that finishes after its result was printed, or a test that cannot fail.
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Domain code takes what it needs as arguments; only the CLI layer talks to the terminal.
    files: [...BELOW_THE_EDGE, 'src/report/**', 'src/i18n/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: TERMINAL_LIBRARIES, patterns: [NOT_THE_CLI] }],
      'no-restricted-globals': ['error', 'process'],
      'no-console': 'error',
    },
  },
  {
    // Below the edge (the CLI and the report renderers) messages are data: problems, never translated text.
    files: BELOW_THE_EDGE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: TERMINAL_LIBRARIES,
          patterns: [
            NOT_THE_CLI,
            {
              group: ['**/i18n/index.js'],
              importNames: ['translator', 'Translator', 'say', 'problemJson'],
              message: 'Return or throw a Problem ({code, params}); the CLI and the renderers say it.',
            },
          ],
        },
      ],
    },
  },
  {
    // SQL lives in src/db (the tables' own queries) and src/stats (the figures' definitions), nowhere else;
    // src/bundle writes and reads a bundle, a SQLite file whose tables are its format (docs/bundles.md).
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/stats/**', 'src/bundle/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='prepare'][arguments.0.type=/^(Literal|TemplateLiteral)$/]",
          message: 'SQL belongs in src/db/<table>.ts (or src/stats for a figure): call a function there.',
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(exec|pragma)$/][arguments.0.type=/^(Literal|TemplateLiteral)$/][arguments.0.value=/^[A-Z]/]',
          message: 'SQL belongs in src/db/<table>.ts: call a function there.',
        },
      ],
    },
  },
  {
    files: ['bin/**', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
