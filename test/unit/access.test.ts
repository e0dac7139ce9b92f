import { describe, expect, it } from 'vitest';
import {
  canActInTenant,
  canCreateClass,
  canCreateUnit,
  canReadClass,
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
