// Prettier formats; ESLint (eslint.config.js) lints. Why not Biome for both: the type-aware rules this project wants
// (floating and misused promises, await on non-thenables) come from typescript-eslint, which runs on TypeScript's own
// checker; Biome's linter infers types itself and covers less. With ESLint kept, Prettier is the formatter it pairs
// with, and ESLint's recommended sets no longer carry formatting rules, so the two never disagree.
// The settings follow the code as written: 120 columns, single quotes, trailing commas wherever ES2022 allows them.
/** @type {import('prettier').Config} */
export default {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
};
