// ESLint for agendabot: typescript-eslint with type information, the architecture boundaries and no import cycles.
//
// Why a second TypeScript: the project compiles with TypeScript 7, whose npm package is a launcher for the native
// compiler and has no JavaScript compiler API (its main entry exports only the version). typescript-eslint's
// type-aware rules run on that API, and typescript-eslint 8 supports TypeScript below 6.1. So the linter, and only
// the linter, uses TypeScript 6.0 installed under the alias `typescript-6`; `npm run typecheck` still uses `tsc` 7.
// The hook below sends the linter's `require('typescript')` to that alias before typescript-eslint loads; the
// `overrides` entry in package.json lets npm accept TypeScript 7 for typescript-eslint's peer dependency.
// Drop both (and the alias) once typescript-eslint supports TypeScript 7.
import Module from 'node:module';

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveLinterTypescript(request, ...rest) {
  const redirected =
    request === 'typescript' || request.startsWith('typescript/') ? `typescript-6${request.slice(10)}` : request;
  return resolveFilename.call(this, redirected, ...rest);
};

const { default: js } = await import('@eslint/js');
const { default: tseslint } = await import('typescript-eslint');
const { importX } = await import('eslint-plugin-import-x');
const { createTypeScriptImportResolver } = await import('eslint-import-resolver-typescript');

const PLATFORM_PACKAGES = ['@slack/*', 'discord.js', '@discordjs/*'];
/** The same packages as folders, for import-x/no-restricted-paths, which also sees dynamic `import()`. */
const PLATFORM_FOLDERS = ['./node_modules/@slack', './node_modules/discord.js', './node_modules/@discordjs'];
const ADAPTERS = ['shell', 'slack', 'discord'];

/** A `no-restricted-imports` setting: static imports and re-exports whose specifier matches one of `patterns`. */
function restrictedImports(patterns, message) {
  return ['error', { patterns: [{ group: patterns, message }] }];
}

/** The boundaries test/boundaries.test.ts checks by text, here checked on every import, static or dynamic. */
const boundaries = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts'],
    rules: {
      // src/main.ts is the composition root: the one file in src/ that may know the adapters.
      'no-restricted-imports': restrictedImports(
        [...PLATFORM_PACKAGES, '**/adapters/**'],
        'Only src/main.ts may import a chat platform or an adapter; the rest of src/ stays neutral.',
      ),
      'import-x/no-restricted-paths': [
        'error',
        { zones: [{ target: './src', from: ['./adapters', ...PLATFORM_FOLDERS] }] },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictedImports(
        [...PLATFORM_PACKAGES, '**/adapters/**', 'better-sqlite3', 'pg', 'node-cron', '**/persistence/**'],
        'src/core imports no chat platform, no database driver, no cron library, no persistence and no adapter.',
      ),
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/core', from: ['./adapters', ...PLATFORM_FOLDERS] },
            { target: './src/core', from: './src/persistence' },
            { target: './src/core', from: ['./node_modules/better-sqlite3', './node_modules/@types/better-sqlite3'] },
            { target: './src/core', from: './node_modules/node-cron' },
          ],
        },
      ],
    },
  },
  ...ADAPTERS.map((adapter) => {
    const others = ADAPTERS.filter((other) => other !== adapter);
    return {
      files: [`adapters/${adapter}/**/*.ts`],
      rules: {
        'no-restricted-imports': restrictedImports(
          others.flatMap((other) => [`**/${other}`, `**/${other}/**`]),
          'An adapter never imports another adapter; share through src/ instead.',
        ),
        'import-x/no-restricted-paths': [
          'error',
          { zones: others.map((other) => ({ target: `./adapters/${adapter}`, from: `./adapters/${other}` })) },
        ],
      },
    };
  }),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', 'dist/', '.vitest-report.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // Without this import-x reads only .js files, and no-cycle would silently follow no TypeScript import.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A `default:` branch counts as handling the rest; the rule still catches a switch that forgets a case.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Off: it flags async methods that implement a Promise-returning port without awaiting (the shell and memory
      // delivery ports, scheduled-work hooks). Making them non-async would turn their throws into sync exceptions;
      // the bugs worth catching here (a promise left floating or passed where none is expected) have rules above.
      '@typescript-eslint/require-await': 'off',
      // `_name` marks a parameter or binding as unused on purpose, the convention tsc's noUnused* checks follow.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A `let` that a closure reads before its one assignment (a server's handler needs the server) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 60 }],
    },
  },
  ...boundaries,
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests build malformed agendas by mutating parsed JSON on purpose; typing each document would only add casts.
      // Source code keeps these rules.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // The fake servers turn wire data (buffers, decoded JSON fields) into text with String() by design.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['test/**/*.test.ts'],
    rules: {
      // A `describe` callback is a list of tests, not a function anyone reads top to bottom; max-lines bounds the file.
      'max-lines-per-function': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
