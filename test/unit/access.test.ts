import { describe, expect, it } from 'vitest';
import {
  canReadUnitUploads,
  canUploadForUnit,
  canActInTenant,
  canCreateClass,
  canCreateUnit,
  canReadClass,
  canReadReport,
  mayReadReports,
  canWriteClassRecord,
  type Principal,
} from '../../domain/access.js';
import { servedClass as schoolClass } from '../support/fixtures.js';

const as = (roles: Principal['roles'], userId = 'someone', unitId?: string): Principal => ({
  userId,
  tenantId: 't1',
  roles,
  ...(unitId ? { unitId } : {}),
});

describe('access policy', () => {
  it('never lets a caller act in another tenant', () => {
    expect(canActInTenant(as(['tenant-admin']), 't1').allowed).toBe(true);
    expect(canActInTenant(as(['tenant-admin']), 't2').allowed).toBe(false);
  });

  it('units are created by tenant admins only', () => {
    expect(canCreateUnit(as(['tenant-admin'])).allowed).toBe(true);
    expect(canCreateUnit(as(['center-director'], 'd', 'u1')).allowed).toBe(false);
  });

  it('classes are created by the admin or the director of that very unit', () => {
    expect(canCreateClass(as(['center-director'], 'd', 'u1'), 'u1').allowed).toBe(true);
    expect(canCreateClass(as(['center-director'], 'd', 'u2'), 'u1').allowed).toBe(false);
    expect(canCreateClass(as(['class-teacher'], 'teacher-1', 'u1'), 'u1').allowed).toBe(false);
  });

  it.each([
    ['the assigned class teacher', as(['class-teacher'], 'teacher-1'), true, true],
    ['the assigned counselor', as(['counselor'], 'counselor-1'), true, true],
    ['a class teacher of another class', as(['class-teacher'], 'teacher-2', 'u1'), false, false],
    ['a user named as class teacher but without the role', as(['finance'], 'teacher-1'), false, false],
    ['the director of the unit', as(['center-director'], 'd', 'u1'), true, true],
    ['a director of another unit', as(['center-director'], 'd', 'u2'), false, false],
    ['a supervisor', as(['supervisor']), true, false],
    ['the tenant admin', as(['tenant-admin']), true, false],
  ])('%s: read %s, write records %s', (_, principal, read, write) => {
    expect(canReadClass(principal, schoolClass).allowed).toBe(read);
    expect(canWriteClassRecord(principal, schoolClass).allowed).toBe(write);
  });
});

describe('term-end reports (seed 000 §2.4)', () => {
  const tenantWide = { kind: 'tenant' } as const;
  const unit1 = { kind: 'unit', unitId: 'u1' } as const;
  const unit2 = { kind: 'unit', unitId: 'u2' } as const;

  it.each([
    ['tenant admin', as(['tenant-admin']), true, true, true],
    ['supervisor', as(['supervisor']), true, true, true],
    ['director of u1', as(['center-director'], 'd1', 'u1'), false, true, false],
    ['director without a unit', as(['center-director'], 'd0'), false, false, false],
    ['class teacher of u1', as(['class-teacher'], 't1', 'u1'), false, false, false],
    ['registrar of u1', as(['registrar'], 'r1', 'u1'), false, false, false],
  ] as const)('%s: tenant-wide %s, u1 %s, u2 %s', (_, principal, tenant, own, other) => {
    expect(canReadReport(principal, tenantWide).allowed).toBe(tenant);
    expect(canReadReport(principal, unit1).allowed).toBe(own);
    expect(canReadReport(principal, unit2).allowed).toBe(other);
  });

  it('lists reports for admins, supervisors and directors only (a director sees their unit’s among them)', () => {
    expect(mayReadReports(as(['center-director'], 'd1', 'u1')).allowed).toBe(true);
    expect(mayReadReports(as(['supervisor'])).allowed).toBe(true);
    expect(mayReadReports(as(['class-teacher', 'counselor'], 't1', 'u1')).allowed).toBe(false);
  });
});

describe('the registry’s unit-wide tables and batches (seed 003 五: 教学点主管领导和经手人)', () => {
  it.each([
    ['registrar of u1', as(['registrar'], 'r1', 'u1'), true, true],
    ['director of u1', as(['center-director'], 'd1', 'u1'), true, true],
    ['tenant admin', as(['tenant-admin']), false, true],
    ['registrar of u2', as(['registrar'], 'r2', 'u2'), false, false],
    ['director of u2', as(['center-director'], 'd2', 'u2'), false, false],
    ['class teacher of u1', as(['class-teacher', 'counselor'], 't1', 'u1'), false, false],
    ['supervisor', as(['supervisor']), false, false],
  ] as const)('%s: uploads and declares for u1 %s, reads u1’s %s', (_, principal, upload, read) => {
    expect(canUploadForUnit(principal, 'u1').allowed).toBe(upload);
    expect(canReadUnitUploads(principal, 'creator', 'u1').allowed).toBe(read);
  });

  it('the declarer or uploader reads what they sent, whatever their role now', () => {
    expect(canReadUnitUploads(as(['class-teacher'], 'creator', 'u1'), 'creator', 'u1').allowed).toBe(true);
  });
});
