/**
 * `npm run token -- --tenant demo --user teacher-wang --role class-teacher [--unit center-hz01]`
 * prints a development token the local runtime accepts (signed with the key in the
 * data folder, so run `npm start` once first or pass the same --data-dir).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { roles, type Role } from '../domain/access.js';
import { devAuth } from './local/dev-auth.js';

const { values } = parseArgs({
  options: {
    tenant: { type: 'string', default: 'demo' },
    user: { type: 'string', default: 'admin-001' },
    role: { type: 'string', multiple: true, default: ['tenant-admin'] },
    unit: { type: 'string' },
    lifetime: { type: 'string', default: '12h' },
    'data-dir': { type: 'string', default: '.local' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`usage: npm run -s token -- [--tenant demo] [--user id] [--role ROLE ...] [--unit unitId] [--lifetime 12h] [--data-dir .local]
  --data-dir: the folder npm start was given (its signing key signs the token); default .local
roles: ${roles.join(', ')}`);
  process.exit(0);
}
const unknown = values.role.filter((role) => !(roles as readonly string[]).includes(role));
if (unknown.length > 0) {
  console.error(`unknown role(s): ${unknown.join(', ')}; roles are ${roles.join(', ')}`);
  process.exit(2);
}
const auth = await devAuth(join(resolve(values['data-dir']), 'dev-signing-key.json'));
console.log(
  await auth.issue(
    {
      userId: values.user,
      tenantId: values.tenant,
      ...(values.unit !== undefined ? { unitId: values.unit } : {}),
      roles: values.role as Role[],
    },
    values.lifetime,
  ),
);
