/**
 * Access to private fields beyond what a role needs (DOMAIN.md §7): staff request named
 * fields of named students with a reason; the director of the students' unit approves
 * or refuses; a grant expires. Supervisors read the log of every reveal.
 */
import * as z from 'zod/mini';
import type { Principal } from '../../domain/access.js';
import { StaleRevisionError } from '../../domain/errors.js';
import { canDecideGrant, grantableFields, maxGrantDays, type AccessGrant } from '../../domain/privacy.js';
import { fromEnvironment, type Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { readSecretString } from '../storage/secrets-manager.js';
import { translated } from './kit/domain-errors.js';
import { httpFunction, route } from './kit/http-function.js';
import { BadRequestError, ConflictError, fieldProblem, ForbiddenError, UnprocessableError } from './kit/problem.js';
import { notFound } from './kit/names.js';
import { bilingual } from '../../domain/bilingual.js';
import { identifier, pageQuery, reason, staffId, studentNumber, tenantPath } from './schemas/common.js';

export const accessRequestBody = z.strictObject({
  studentNumbers: z.array(studentNumber).check(z.minLength(1), z.maxLength(100)),
  fields: z.array(z.enum(grantableFields)).check(z.minLength(1), z.maxLength(grantableFields.length)),
  reason,
  days: z.int().check(z.minimum(1), z.maximum(maxGrantDays)),
});
export const decisionBody = z.strictObject({ approve: z.boolean(), note: z.optional(reason) });
const grantPath = z.object({ tenantId: identifier, grantId: z.uuid() });
const grantQuery = z.strictObject({ unitId: z.optional(identifier) });
export const revealQuery = z.extend(pageQuery, {
  studentNumber: z.optional(studentNumber),
  userId: z.optional(staffId),
});

function mayReadGrant(principal: Principal, grant: AccessGrant): boolean {
  return grant.requesterId === principal.userId || canDecideGrant(principal, grant) || principal.roles.includes('tenant-admin');
}

export const privacyRoutes = {
  'POST /tenants/{tenantId}/access-requests': route({
    schemas: { params: tenantPath, body: accessRequestBody },
    handle: async ({ params, body, principal, path }, { roster, privacy, clock, newId }: Dependencies) => {
      // The director who decides is the one of the students' unit: all named students must share it.
      const units = new Map<string, number[]>();
      const missing: number[] = [];
      for (const [index, number] of body.studentNumbers.entries()) {
        const student = await roster.getStudent(params.tenantId, number);
        const schoolClass = student && (await roster.getClass(params.tenantId, student.classId));
        if (schoolClass === undefined) missing.push(index);
        else units.set(schoolClass.unitId, [...(units.get(schoolClass.unitId) ?? []), index]);
      }
      if (missing.length > 0) {
        // Named back so a typo can be fixed (a student number is not a private field, §7);
        // logged by count, so operators can see a requester trying number after number.
        logger.warn('access request names unknown students', { requesterId: principal.userId, unknown: missing.length, named: body.studentNumbers.length });
        throw new UnprocessableError(missing.map((i) => fieldProblem(['studentNumbers', i], 'unknown_student', `student ${body.studentNumbers[i]} does not exist`, `学生 ${body.studentNumbers[i]} 不存在`)));
      }
      if (units.size > 1) {
        throw new UnprocessableError([fieldProblem(['studentNumbers'], 'several_units', 'ask for the students of one unit at a time: its director decides', '每次只能申请同一单位的学生：由该单位负责人审批')]);
      }
      const grant: AccessGrant = {
        tenantId: params.tenantId,
        grantId: newId(),
        requesterId: principal.userId,
        unitId: [...units.keys()][0] as string,
        studentNumbers: [...new Set(body.studentNumbers)],
        fields: [...new Set(body.fields)],
        reason: body.reason,
        days: body.days,
        state: 'pending',
        requestedAt: clock.now().toISOString(),
      };
      await translated(privacy.createGrant(grant));
      return { status: 201, headers: { location: `${path}/${grant.grantId}` }, body: grant };
    },
  }),

  'GET /tenants/{tenantId}/access-requests': route({
    schemas: { params: tenantPath, query: grantQuery },
    handle: async ({ params, query, principal }, { privacy }: Dependencies) => {
      if (query.unitId === undefined) return { status: 200, body: { items: await privacy.grantsOfRequester(params.tenantId, principal.userId) } };
      const deciding = principal.roles.includes('center-director') && principal.unitId === query.unitId;
      if (!deciding && !principal.roles.includes('tenant-admin')) throw new ForbiddenError(bilingual("only the unit's director or a tenant admin lists its access requests", '只有本单位负责人或机构管理员可以查看本单位的访问申请'));
      return { status: 200, body: { items: await privacy.grantsOfUnit(params.tenantId, query.unitId) } };
    },
  }),

  'GET /tenants/{tenantId}/access-requests/{grantId}': route({
    schemas: { params: grantPath },
    handle: async ({ params, principal }, { privacy }: Dependencies) => {
      const grant = await privacy.getGrant(params.tenantId, params.grantId);
      if (grant === undefined) throw notFound('access request', params.grantId);
      if (!mayReadGrant(principal, grant)) throw new ForbiddenError(bilingual('only the requester, the deciding director or a tenant admin reads an access request', '只有申请人、负责审批的单位负责人或机构管理员可以查看访问申请'));
      return { status: 200, body: grant };
    },
  }),

  'POST /tenants/{tenantId}/access-requests/{grantId}/decision': route({
    schemas: { params: grantPath, body: decisionBody },
    handle: async ({ params, body, principal }, { privacy, clock }: Dependencies) => {
      const grant = await privacy.getGrant(params.tenantId, params.grantId);
      if (grant === undefined) throw notFound('access request', params.grantId);
      if (!canDecideGrant(principal, grant)) throw new ForbiddenError(bilingual('only the director of the students’ unit decides, and never on their own request', '只有学生所在单位的负责人可以审批，且不能审批本人提出的申请'));
      if (grant.state !== 'pending') throw new ConflictError(bilingual(`The request was ${grant.state} already.`, `该申请已${grant.state === 'approved' ? '获批准' : '被拒绝'}。`));
      const now = clock.now();
      const decided: AccessGrant = {
        ...grant,
        state: body.approve ? 'approved' : 'refused',
        decision: {
          by: principal.userId,
          at: now.toISOString(),
          ...(body.note !== undefined ? { note: body.note } : {}),
          ...(body.approve ? { expiresAt: new Date(now.getTime() + grant.days * 86_400_000).toISOString() } : {}),
        },
      };
      try {
        await privacy.decide(decided);
      } catch (error) {
        if (error instanceof StaleRevisionError) throw new ConflictError(bilingual('The request was decided meanwhile.', '该申请已在此期间被审批。'));
        throw error;
      }
      return { status: 200, body: decided };
    },
  }),

  'GET /tenants/{tenantId}/reveals': route({
    schemas: { params: tenantPath, query: revealQuery },
    handle: async ({ params, query, principal }, { privacy }: Dependencies) => {
      if (!principal.roles.includes('supervisor') && !principal.roles.includes('tenant-admin')) {
        throw new ForbiddenError(bilingual('the reveal log is for supervisors and tenant admins', '查阅日志仅供督导和机构管理员查看'));
      }
      if ((query.studentNumber === undefined) === (query.userId === undefined)) {
        throw new BadRequestError([fieldProblem(['query', 'studentNumber'], 'one_of', 'ask by studentNumber or by userId, one of the two', '按 studentNumber 或 userId 查询，二者选一')]);
      }
      const by = query.studentNumber !== undefined ? { studentNumber: query.studentNumber } : { userId: query.userId as string };
      const page = await translated(privacy.reveals(params.tenantId, by, { limit: query.limit, ...(query.cursor !== undefined ? { cursor: query.cursor } : {}) }));
      return { status: 200, body: page };
    },
  }),
};

// This function hands out cursors (catalog: pagesResults), so it reads the cursor key's secret.
export const handler = httpFunction(privacyRoutes, fromEnvironment({ readSecret: readSecretString }));
