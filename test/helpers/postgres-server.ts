/**
 * A throwaway PostgreSQL server for one test run. The starter lives in `src/cli/cluster/postgres-server.ts`
 * (`npm run cluster` uses it too); these are the names the tests know it by.
 */
export {
  postgresBinDir,
  startThrowawayPostgres as startTestServer,
  THROWAWAY_SUPERUSER as TEST_SUPERUSER,
  type ThrowawayServer as TestServer,
} from '../../src/cli/cluster/postgres-server.js';
