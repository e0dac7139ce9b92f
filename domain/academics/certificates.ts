/**
 * Grade certificates (出具成绩证明, seed 003 成绩管理工作流程 3): for a graduate's job fairs
 * (毕业生或全校性大型招聘会) at most three (不超过三次) unless the tenant sets another limit;
 * a transcript for the student's own use is not counted.
 */
import type { Violation } from '../violation.js';

export const certificatePurposes = ['job-fair', 'personal'] as const;
export type CertificatePurpose = (typeof certificatePurposes)[number];

export interface IssuedCertificate {
  readonly purpose: CertificatePurpose;
  readonly by: string;
  readonly at: string;
}

export function certificateViolations(purpose: CertificatePurpose, issued: readonly IssuedCertificate[], limit: number, graduate: boolean): Violation[] {
  if (purpose !== 'job-fair') return [];
  if (!graduate) return [{ path: ['purpose'], code: 'certificate.not-graduate', message: 'job-fair certificates are issued to graduates', zh: '招聘会成绩证明只为毕业生出具' }];
  const counted = issued.filter((c) => c.purpose === 'job-fair').length;
  return counted >= limit
    ? [{ path: ['purpose'], code: 'certificate.limit-reached', message: `${counted} job-fair certificates were issued already; the limit is ${limit}`, zh: `已出具 ${counted} 次招聘会成绩证明，不超过 ${limit} 次` }]
    : [];
}
