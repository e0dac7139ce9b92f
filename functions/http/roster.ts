/** Roster function: learning centers and other units, classes and their students. */
import { canCreateClass, canCreateUnit, canReadClass } from '../../domain/access.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { httpFunction, route } from './kit/http-function.js';
import { translated } from './kit/domain-errors.js';
import { ForbiddenError, NotFoundError } from './kit/problem.js';
import { classPath, tenantPath } from './schemas/common.js';
import { createClassBody, createUnitBody } from './schemas/roster.js';

export const rosterRoutes = {
  'POST /tenants/{tenantId}/units': route({
    schemas: { params: tenantPath, body: createUnitBody },
    handle: async ({ params, body, principal }, { roster }: Dependencies) => {
      const decision = canCreateUnit(principal);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      const unit = { tenantId: params.tenantId, ...body };
      await translated(roster.createUnit(unit));
      return { status: 201, body: unit };
    },
  }),

  'POST /tenants/{tenantId}/classes': route({
    schemas: { params: tenantPath, body: createClassBody },
    handle: async ({ params, body, principal, path }, { roster }: Dependencies) => {
      const decision = canCreateClass(principal, body.unitId);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      const { students: entries, ...fields } = body;
      const schoolClass = { tenantId: params.tenantId, ...fields };
      const students = entries.map((entry) => ({ tenantId: params.tenantId, classId: body.classId, ...entry }));
      await translated(roster.createClass(schoolClass, students));
      return {
        status: 201,
        headers: { location: `${path}/${encodeURIComponent(body.classId)}` },
        body: { ...schoolClass, students: entries },
      };
    },
  }),

  'GET /tenants/{tenantId}/classes/{classId}': route({
    schemas: { params: classPath },
    handle: async ({ params, principal }, { roster }: Dependencies) => {
      const schoolClass = await roster.getClass(params.tenantId, params.classId);
      if (schoolClass === undefined) throw new NotFoundError(`Class ${params.classId} does not exist.`);
      const decision = canReadClass(principal, schoolClass);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      const students = await roster.listStudents(params.tenantId, params.classId);
      return {
        status: 200,
        body: { ...schoolClass, students: students.map(({ studentNumber, name }) => ({ studentNumber, name })) },
      };
    },
  }),
};

export const handler = httpFunction(rosterRoutes, fromEnvironment());
