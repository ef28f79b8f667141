// @ts-check
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      'runtime/web/dist/**',
      'runtime/dist/**',
      'test-results/**',
      'bin/**',
      '*.config.*',
      'runtime/web/vite.config.ts',
      'designer/dist/**',
      'designer/vite.config.ts',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { import: importPlugin },
    settings: {
      // Without these, eslint-plugin-import treats every .ts file as unparseable and builds no
      // dependency graph for it, so import/no-cycle silently checks nothing (issue 19).
      'import/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import/resolver': { typescript: { project: './tsconfig.json' } },
    },
    rules: {
      'import/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // engine/ is pure and runs in the browser: no I/O, no server libraries, no clock, no randomness.
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'engine/ is pure: no Node built-ins.' },
            {
              group: [
                'kysely',
                'fastify',
                'fastify/*',
                '@fastify/*',
                'better-sqlite3',
                'pg',
                'pino',
                'argon2',
              ],
              message: 'engine/ is pure: no I/O libraries.',
            },
            {
              group: ['fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net'],
              message: 'engine/ is pure.',
            },
            {
              group: ['../runtime/*', '../../runtime/*', '../../../runtime/*'],
              message: 'engine/ never imports runtime/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'timers are effects, not setTimeout.' },
        { name: 'setInterval', message: 'timers are effects.' },
        { name: 'process', message: 'engine/ is pure.' },
        { name: 'fetch', message: 'engine/ does no I/O.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'the clock arrives through env.now.',
        },
        { selector: "CallExpression[callee.name='Date']", message: 'the clock arrives through env.now.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'randomness arrives through env.newId.' },
        { object: 'Date', property: 'now', message: 'the clock arrives through env.now.' },
      ],
    },
  },
  {
    // Browser code (the web app, the designer and their shared ui/) runs in a page: it may import
    // engine/, contract/, ui/ and its own folder, never the server or a Node library.
    files: ['runtime/web/src/**/*.{ts,tsx}', 'designer/src/**/*.{ts,tsx}', 'ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Browser code: no Node built-ins.' },
            {
              group: [
                'kysely',
                'fastify',
                'fastify/*',
                '@fastify/*',
                'better-sqlite3',
                'pg',
                'pino',
                'argon2',
                'nodemailer',
                'exceljs',
                'handlebars',
                'esbuild',
                'vite',
                'tsx',
              ],
              message: 'Browser code: no server libraries.',
            },
            {
              group: [
                'fs',
                'path',
                'crypto',
                'os',
                'child_process',
                'http',
                'https',
                'net',
                'url',
                'worker_threads',
              ],
              message: 'Browser code: no Node built-ins.',
            },
          ],
        },
      ],
      // By resolved path, so no `../` spelling slips past.
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./runtime/web/src', './designer/src', './ui'],
              from: './runtime',
              except: ['./web/src'],
              message: 'Browser code never imports the server (runtime/); shared shapes live in contract/.',
            },
            {
              target: ['./runtime/web/src', './designer/src', './ui'],
              from: ['./tests', './bench', './examples', './bin', './templates'],
              message: 'Browser code imports engine/, contract/, ui/ and its own folder only.',
            },
            {
              target: './ui',
              from: ['./runtime/web', './designer'],
              message: 'ui/ is shared by the browser apps: it imports neither of them.',
            },
            {
              target: './designer/src',
              from: './runtime/web',
              message: 'The designer shares code through ui/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `res.json() as Shape` reads better in a specification than `res.json<Shape>()`.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
