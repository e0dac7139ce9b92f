/**
 * "Where do I stand": read-only evaluation of the live records, as of now, for the
 * term in force — per class, or across the classes a staff member serves.
 */
import { canReadClass, canViewStaffStanding, standingShowsClass } from '../../domain/access.js';
import { CalendarDataError, InvalidDateError } from '../../domain/calendar/index.js';
import { EvaluationInputError, type StandingSubject } from '../../domain/compliance/index.js';
import { standingOf, type ClassRecords } from '../../domain/standing.js';
import { classRecordsOf, staffFiguresOf } from '../class-records.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { requireAllowed } from './kit/guards.js';
import { httpFunction, route } from './kit/http-function.js';
import { ConflictError } from './kit/problem.js';
import { notFound } from './kit/names.js';
import { bilingual } from '../../domain/bilingual.js';
import { classPath, identifier, staffId } from './schemas/common.js';
import * as z from 'zod/mini';

const staffPath = z.object({ tenantId: identifier, userId: staffId });

const recordsOf = classRecordsOf;

async function evaluate(dependencies: Dependencies, tenantId: string, classes: ClassRecords[], subject: StandingSubject) {
  const ownRecords = subject.kind === 'staff' ? await dependencies.records.allOfAuthor(tenantId, subject.id) : [];
  const staffFigures = subject.kind === 'staff' ? [await staffFiguresOf(dependencies, tenantId, subject.id)] : [];
  const stored = await dependencies.configuration.get(tenantId);
  if (stored === undefined) {
    throw new ConflictError(
      bilingual(
        'The tenant has no configuration yet: a tenant admin sets its terms first (PUT /tenants/{tenantId}/configuration).',
        '本机构尚未配置：请机构管理员先设置学期（PUT /tenants/{tenantId}/configuration）。',
      ),
    );
  }
  let standing: ReturnType<typeof standingOf>;
  try {
    standing = standingOf({
      tenantId,
      configuration: stored.configuration,
      configurationRevision: stored.revision,
      classes,
      ownRecords,
      staffFigures,
      subject,
      now: dependencies.clock.now(),
    });
  } catch (error) {
    // A configuration saved before today's checks may still hold what the engine cannot use.
    if (error instanceof EvaluationInputError || error instanceof InvalidDateError || error instanceof CalendarDataError) {
      throw new ConflictError(
        bilingual(
          `The configuration cannot be evaluated (${error.message}); a tenant admin corrects it with PUT /tenants/{tenantId}/configuration.`,
          `配置无法用于计算完成情况（${error.message}）；请机构管理员通过 PUT /tenants/{tenantId}/configuration 修正。`,
        ),
      );
    }
    throw error;
  }
  if (standing === undefined) throw new ConflictError(bilingual('The configuration has no term that has started or is still to come.', '配置中没有已开始或尚未到来的学期。'));
  return { status: 200, body: standing };
}

export const standingRoutes = {
  'GET /tenants/{tenantId}/classes/{classId}/standing': route({
    schemas: { params: classPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const records = await recordsOf(dependencies, params.tenantId, params.classId);
      if (records === undefined) throw notFound('class', params.classId);
      requireAllowed(canReadClass(principal, records.schoolClass));
      return evaluate(dependencies, params.tenantId, [records], { kind: 'class', id: params.classId });
    },
  }),

  'GET /tenants/{tenantId}/staff/{userId}/standing': route({
    schemas: { params: staffPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      // Nobody without a role that can ever be let in causes a read.
      if (!principal.roles.includes('center-director')) requireAllowed(canViewStaffStanding(principal, params.userId, { classUnitIds: [] }));
      const [member, served] = await Promise.all([
        dependencies.roster.getStaffMember(params.tenantId, params.userId),
        dependencies.roster.classesServedBy(params.tenantId, params.userId),
      ]);
      // One person may hold both roles of a class: each class is evaluated once.
      const classIds = [...new Set(served.map(({ classId }) => classId))];
      const classes = await Promise.all(classIds.map((classId) => recordsOf(dependencies, params.tenantId, classId)));
      const found = classes.filter((records): records is ClassRecords => records !== undefined);
      const placement = { ...(member !== undefined ? { unitId: member.unitId } : {}), classUnitIds: found.map(({ schoolClass }) => schoolClass.unitId) };
      requireAllowed(canViewStaffStanding(principal, params.userId, placement));
      const shown = found.filter(({ schoolClass }) => standingShowsClass(principal, params.userId, schoolClass));
      return evaluate(dependencies, params.tenantId, shown, { kind: 'staff', id: params.userId });
    },
  }),
};

export const handler = httpFunction(standingRoutes, fromEnvironment());
