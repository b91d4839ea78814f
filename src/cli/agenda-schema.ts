/**
 * `npm run agenda:schema`: writes `data/agenda.schema.json` from the zod schemas, so
 * the documented format is the enforced one. A test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAgendaJsonSchema } from '../core/agenda/file-schema.js';

const target = fileURLToPath(new URL('../../data/agenda.schema.json', import.meta.url));
writeFileSync(target, renderAgendaJsonSchema());
process.stdout.write(`wrote ${target}\n`);
