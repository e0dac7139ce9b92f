/**
 * Grade certificates (出具成绩证明): a registrar of the student's unit issues them; those for
 * a graduate's job fairs are counted and refused past the tenant's limit (default three). The
 * count is one versioned item per student, written over the version read, so two issued at
 * once cannot both pass the limit.
 */
import * as z from 'zod/mini';
import { canEnrolStudent } from '../../domain/access.js';
import { certificatePurposes, certificateViolations, type IssuedCertificate } from '../../domain/academics/certificates.js';
import { factKeys, type Graduation } from '../../domain/facts.js';
import type { Dependencies } from '../composition.js';
import { logger } from '../observability.js';
import { translated } from './kit/domain-errors.js';
import { requireAllowed } from './kit/guards.js';
import { route } from './kit/http-function.js';
import { UnprocessableError } from './kit/problem.js';
import { violationProblems } from './kit/request.js';
import { identifier, studentNumber } from './schemas/common.js';
import { studentPlace } from './programmes.js';
import { settingsOf } from './results.js';
import { shanghaiDateOf } from '../../domain/time.js';

export const certificateBody = z.strictObject({ purpose: z.enum(certificatePurposes) });
const certificatesOf = (student: string) => `CERTIFICATES#${student}`;

export const certificateRoutes = {
  'POST /tenants/{tenantId}/students/{studentNumber}/certificates': route({
    schemas: { params: z.object({ tenantId: identifier, studentNumber }), body: certificateBody },
    handle: async ({ params, body, principal }, dependencies: Dependencies) => {
      const { schoolClass } = await studentPlace(dependencies, params.tenantId, params.studentNumber);
      // The registrar keeps the student's file (学籍): the same people who place a student in a major.
      requireAllowed(canEnrolStudent(principal, schoolClass));
      const owner = `class:${schoolClass.classId}` as const;
      const [stored, graduation, settings] = await Promise.all([
        dependencies.facts.get<{ issued: IssuedCertificate[] }>(params.tenantId, owner, certificatesOf(params.studentNumber)),
        dependencies.facts.get<Graduation>(params.tenantId, owner, factKeys.graduation),
        settingsOf(dependencies, params.tenantId),
      ]);
      const now = dependencies.clock.now();
      const today = shanghaiDateOf(now);
      const graduate = graduation !== undefined && graduation.content.graduatesOn <= today && (graduation.content.studentNumbers?.includes(params.studentNumber) ?? true);
      const issued = stored?.content.issued ?? [];
      const violations = certificateViolations(body.purpose, issued, settings.certificateLimit, graduate);
      if (violations.length > 0) throw new UnprocessableError(violationProblems(violations));
      const certificate: IssuedCertificate = { purpose: body.purpose, by: principal.userId, at: now.toISOString() };
      const next = { tenantId: params.tenantId, owner, fact: certificatesOf(params.studentNumber), content: { issued: [...issued, certificate] }, version: (stored?.version ?? 0) + 1, updatedAt: certificate.at, updatedBy: principal.userId };
      await translated(dependencies.facts.put(next));
      logger.info('certificate issued', { classId: schoolClass.classId, purpose: body.purpose });
      const jobFairs = next.content.issued.filter((c) => c.purpose === 'job-fair').length;
      return { status: 201, body: { studentNumber: params.studentNumber, ...certificate, jobFairCertificates: jobFairs, limit: settings.certificateLimit } };
    },
  }),
};
