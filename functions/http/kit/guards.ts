/** The two checks most routes begin with: the thing exists (404), and the caller may (403). */
import type { Decision } from '../../../domain/access.js';
import type { SchoolClass } from '../../../domain/organisation.js';
import type { RosterRepository } from '../../../domain/ports.js';
import { notFound } from './names.js';
import { ForbiddenError } from './problem.js';

export async function existingClass(roster: RosterRepository, tenantId: string, classId: string): Promise<SchoolClass> {
  const schoolClass = await roster.getClass(tenantId, classId);
  if (schoolClass === undefined) throw notFound('class', classId);
  return schoolClass;
}

export function requireAllowed(decision: Decision): void {
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}
