/**
 * Imports write their transactions several at a time (functions/storage/transactions.ts):
 * all or nothing still holds when one transaction among many fails.
 */
import { describe, expect, it } from 'vitest';
import type { StudentStatus } from '../../domain/student-status.js';
import { configFromEnv, createDependencies } from '../../functions/composition.js';
import { AlreadyExistsError } from '../../domain/errors.js';
import { uniqueTenant } from '../support/events.js';

const tenantId = uniqueTenant('parallel-imports');
const status = (i: number): StudentStatus => ({
  tenantId,
  classId: `c-${Math.floor(i / 40)}`,
  studentNumber: `26110015${String(i).padStart(5, '0')}`,
  statusId: `s-${String(i).padStart(4, '0')}`,
  kind: 'academic-warning',
  documentOn: '2025-11-03',
  version: 1,
  recordedBy: 'registrar-1',
  recordedAt: '2025-11-04T02:00:00.000Z',
});

describe('a status import of several transactions', () => {
  it('IMPORT-ALL-OR-NOTHING: one taken status in the third of three transactions leaves none of the 250 written, and names it', async () => {
    const { statuses } = createDependencies(configFromEnv());
    // 250 statuses make transactions of 100, 100 and 50; status 230 is in the third.
    const rows = Array.from({ length: 250 }, (_, i) => status(i));
    await statuses.importAll([rows[230]!]);
    const refusal = await statuses.importAll(rows).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AlreadyExistsError);
    expect((refusal as AlreadyExistsError).id).toBe('s-0230');
    // Classes c-0 … c-6 hold 40 students each (c-6 holds 10): only the earlier status 230 (class c-5) remains.
    const left = (await Promise.all(Array.from({ length: 7 }, (_, c) => statuses.ofClass(tenantId, `c-${c}`)))).flat();
    expect(left.map((s) => s.statusId)).toEqual(['s-0230']);
  });

  it('IMPORT-ALL-OR-NOTHING: the same 250 under a fresh tenant are all written', async () => {
    const { statuses } = createDependencies(configFromEnv());
    const fresh = uniqueTenant('parallel-imports-fresh');
    await statuses.importAll(Array.from({ length: 250 }, (_, i) => ({ ...status(i), tenantId: fresh })));
    const written = (await Promise.all(Array.from({ length: 7 }, (_, c) => statuses.ofClass(fresh, `c-${c}`)))).flat();
    expect(written).toHaveLength(250);
  });
});
