/** Class-meeting (班会) records of a class: create, get, list. */
import { canReadClassRecords, canWriteClassRecord } from '../../domain/access.js';
import type { SchoolClass } from '../../domain/organisation.js';
import { checkClassMeeting, type ClassMeeting } from '../../domain/records/class-meeting.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { httpFunction, route } from './kit/http-function.js';
import { fieldProblem, ForbiddenError, NotFoundError, UnprocessableError } from './kit/problem.js';
import { translated } from './kit/domain-errors.js';
import { createClassMeetingBody, meetingPath } from './schemas/class-meeting.js';
import { classPath, pageQuery } from './schemas/common.js';

async function existingClass({ roster }: Dependencies, tenantId: string, classId: string): Promise<SchoolClass> {
  const schoolClass = await roster.getClass(tenantId, classId);
  if (schoolClass === undefined) throw new NotFoundError(`Class ${classId} does not exist.`);
  return schoolClass;
}

export const classMeetingRoutes = {
  'POST /tenants/{tenantId}/classes/{classId}/meetings': route({
    schemas: { params: classPath, body: createClassMeetingBody },
    handle: async ({ params, body, principal, path }, dependencies: Dependencies) => {
      const schoolClass = await existingClass(dependencies, params.tenantId, params.classId);
      const decision = canWriteClassRecord(principal, schoolClass);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);

      const now = dependencies.clock.now();
      const roster = await dependencies.roster.studentsInClass(params.tenantId, params.classId, body.attendees);
      const violations = checkClassMeeting(body, { roster, now });
      if (violations.length > 0) {
        throw new UnprocessableError(violations.map((v) => fieldProblem(v.path, v.code, v.message)));
      }
      const meeting: ClassMeeting = {
        ...body,
        tenantId: params.tenantId,
        classId: params.classId,
        meetingId: dependencies.newId(),
        submittedAt: now.toISOString(),
        submittedBy: principal.userId,
        version: 1,
      };
      await translated(dependencies.classMeetings.create(meeting));
      return { status: 201, headers: { location: `${path}/${meeting.meetingId}` }, body: meeting };
    },
  }),

  'GET /tenants/{tenantId}/classes/{classId}/meetings/{meetingId}': route({
    schemas: { params: meetingPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const schoolClass = await existingClass(dependencies, params.tenantId, params.classId);
      const decision = canReadClassRecords(principal, schoolClass);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      const meeting = await dependencies.classMeetings.get(params.tenantId, params.classId, params.meetingId);
      if (meeting === undefined) throw new NotFoundError(`Class meeting ${params.meetingId} does not exist.`);
      return { status: 200, body: meeting };
    },
  }),

  'GET /tenants/{tenantId}/classes/{classId}/meetings': route({
    schemas: { params: classPath, query: pageQuery },
    handle: async ({ params, query, principal }, dependencies: Dependencies) => {
      const schoolClass = await existingClass(dependencies, params.tenantId, params.classId);
      const decision = canReadClassRecords(principal, schoolClass);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      const page = await translated(dependencies.classMeetings.list(params.tenantId, params.classId, query));
      return { status: 200, body: page };
    },
  }),
};

export const handler = httpFunction(classMeetingRoutes, fromEnvironment());
