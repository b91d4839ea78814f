/** The PostgreSQL backend (`DATABASE_URL=postgres://…`); see `backend.ts`. */
export { openPostgresBackend, type PostgresBackendOptions } from './backend.js';
export { migratePostgres, postgresSchemaVersion, type MigrationOutcome } from './migrate.js';
