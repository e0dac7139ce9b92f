/**
 * Corrections of results (成绩更正): asked for with a reason over the result's version, then
 * approved or refused by a registrar of the student's unit. The decision and the changed
 * result are written in one transaction, each over the version read, so of two decisions
 * made at once only one is kept (the other gets 409) and a result changed since the request
 * is not changed again unseen.
 */
import * as z from 'zod/mini';
import { canDecideCorrection, canEnterResult, gradeTermsSeen } from '../../domain/access.js';
import { corrected, correctionViolations, type Correction } from '../../domain/academics/corrections.js';
import { bilingual } from '../../domain/bilingual.js';
import { StaleRevisionError } from '../../domain/errors.js';
import type { StoredFact } from '../../domain/facts.js';
import { line } from '../../domain/records/fields.js';
import type { Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { asHttpProblem, translated } from './kit/domain-errors.js';
import { requireAllowed } from './kit/guards.js';
import { route } from './kit/http-function.js';
import { notFound } from './kit/names.js';
import { requiredVersion } from './kit/preconditions.js';
import { ConflictError, UnprocessableError } from './kit/problem.js';
import { violationProblems } from './kit/request.js';
import { identifier, reason, studentNumber, termId } from './schemas/common.js';
import { courseCode, studentPlace } from './programmes.js';
import { resultKeys, resultOf, score, teaches } from './results.js';
import { taughtTerms } from './transcript-reading.js';

const correctionKeys = {
  correction: (student: string, id: string) => `CORRECTION#${student}#${id}`,
  ofStudent: (student: string) => `CORRECTION#${student}#`,
};

export const correctionBody = z.strictObject({ field: z.enum(['score', 'makeUpScore']), value: score, reason });
export const correctionDecisionBody = z.strictObject({ approve: z.boolean(), note: z.optional(line(500)) });
const studentPath = z.object({ tenantId: identifier, studentNumber });

type StoredCorrection = StoredFact<Omit<Correction, 'correctionId'>>;
type ResultContent = Parameters<typeof resultOf>[0]['content'];

const correctionOf = (fact: StoredCorrection): Correction & { version: number } => ({ correctionId: fact.fact.split('#')[2]!, ...fact.content, version: fact.version });

export const correctionRoutes = {
  'POST /tenants/{tenantId}/students/{studentNumber}/results/{termId}/{courseCode}/corrections': route({
    schemas: { params: z.object({ tenantId: identifier, studentNumber, termId, courseCode }), body: correctionBody },
    handle: async ({ params, body, principal, headers, path }, dependencies: Dependencies) => {
      const resultVersion = requiredVersion(headers['if-match'], 'result');
      const { schoolClass } = await studentPlace(dependencies, params.tenantId, params.studentNumber);
      requireAllowed(canEnterResult(principal, schoolClass, await teaches(dependencies, principal, schoolClass, params.termId)));
      const owner = `class:${schoolClass.classId}` as const;
      const stored = await dependencies.facts.get<ResultContent>(params.tenantId, owner, resultKeys.result(params.studentNumber, params.termId, params.courseCode));
      if (stored === undefined) throw notFound('result', `${params.termId}/${params.courseCode}`);
      if (stored.version !== resultVersion) throw asHttpProblem(new StaleRevisionError('result', resultVersion));
      const violations = correctionViolations(stored.content, body.field, body.value);
      if (violations.length > 0) throw new UnprocessableError(violationProblems(violations));
      const now = dependencies.clock.now().toISOString();
      const correctionId = dependencies.newId();
      const fact: StoredCorrection = {
        tenantId: params.tenantId,
        owner,
        fact: correctionKeys.correction(params.studentNumber, correctionId),
        content: { termId: params.termId, courseCode: params.courseCode, ...body, requestedBy: principal.userId, requestedAt: now, resultVersion, state: 'pending' },
        version: 1,
        updatedAt: now,
        updatedBy: principal.userId,
      };
      await translated(dependencies.facts.put(fact));
      logger.info('correction requested', { classId: schoolClass.classId, correctionId });
      const location = `${path.slice(0, path.indexOf('/results/'))}/corrections/${correctionId}`;
      return { status: 201, headers: { location }, body: correctionOf(fact) };
    },
  }),

  'GET /tenants/{tenantId}/students/{studentNumber}/corrections': route({
    schemas: { params: studentPath },
    handle: async ({ params, principal }, dependencies: Dependencies) => {
      const { schoolClass } = await studentPlace(dependencies, params.tenantId, params.studentNumber);
      // A correction carries a grade: only those who see grades by their work list them, a
      // course teacher those of the terms they teach the class.
      const seen = gradeTermsSeen(principal, schoolClass, await taughtTerms(dependencies, principal, schoolClass));
      if (!seen.everyTerm && seen.terms.size === 0) {
        requireAllowed({ allowed: false, reason: bilingual('only a registrar of the student’s unit or a course teacher of the class reads corrections of results', '只有学生所在单位的学籍管理员或该班任课教师可以查看成绩更正') });
      }
      const stored = await dependencies.facts.list<StoredCorrection['content']>(params.tenantId, `class:${schoolClass.classId}`, correctionKeys.ofStudent(params.studentNumber));
      const items = stored.map(correctionOf).filter((correction) => seen.everyTerm || seen.terms.has(correction.termId));
      return { status: 200, body: { items } };
    },
  }),

  'POST /tenants/{tenantId}/students/{studentNumber}/corrections/{correctionId}/decision': route({
    schemas: { params: z.object({ tenantId: identifier, studentNumber, correctionId: z.uuid() }), body: correctionDecisionBody },
    handle: async ({ params, body, principal }, dependencies: Dependencies) => {
      const { schoolClass } = await studentPlace(dependencies, params.tenantId, params.studentNumber);
      const owner = `class:${schoolClass.classId}` as const;
      const stored = await dependencies.facts.get<StoredCorrection['content']>(params.tenantId, owner, correctionKeys.correction(params.studentNumber, params.correctionId));
      if (stored === undefined) throw notFound('correction', params.correctionId);
      const correction = correctionOf(stored);
      requireAllowed(canDecideCorrection(principal, schoolClass, correction.requestedBy));
      const decidedAlready = () => new ConflictError(bilingual('The correction was decided already.', '该成绩更正申请已审核。'));
      if (correction.state !== 'pending') throw decidedAlready();
      const now = dependencies.clock.now().toISOString();
      const decision = { by: principal.userId, at: now, ...(body.note !== undefined ? { note: body.note } : {}) };
      const decided: StoredCorrection = { ...stored, content: { ...stored.content, state: body.approve ? 'approved' : 'refused', decision }, version: 2, updatedAt: now, updatedBy: principal.userId };
      const changes: StoredFact[] = [decided];
      if (body.approve) {
        const resultKey = resultKeys.result(params.studentNumber, correction.termId, correction.courseCode);
        const result = await dependencies.facts.get<ResultContent>(params.tenantId, owner, resultKey);
        if (result === undefined || result.version !== correction.resultVersion) {
          throw new ConflictError(bilingual('The result changed after the correction was asked for; refuse this one and ask again.', '申请更正后成绩已被修改；请驳回本申请并重新申请。'));
        }
        const { studentNumber: _s, classId: _c, termId: _t, courseCode: _k, version: _v, ...content } = corrected(resultOf(result, schoolClass.classId), correction, principal.userId, now);
        changes.push({ ...result, content, version: result.version + 1, updatedAt: now, updatedBy: principal.userId });
      }
      await dependencies.facts.changeTogether(changes).catch((error: unknown) => {
        throw error instanceof StaleRevisionError ? decidedAlready() : error;
      });
      logger.info('correction decided', { classId: schoolClass.classId, correctionId: params.correctionId, approved: body.approve });
      return { status: 200, body: correctionOf(decided) };
    },
  }),
};
