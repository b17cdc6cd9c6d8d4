// Part of `npm run build`: writes the schema the migrations make, for each command to compare the register
// with without making it again (src/db/schema.ts).
import { writeFileSync } from 'node:fs';

const { EXPECTED_SCHEMA_URL, writtenSchemaText } = await import('../dist/db/schema.js');
writeFileSync(EXPECTED_SCHEMA_URL, writtenSchemaText());
