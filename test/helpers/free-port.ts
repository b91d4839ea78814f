export { freePort } from '../../src/cli/cluster/free-port.js';
