/**
 * Every refusal of the access policy becomes a 403's detail, in the caller's language: each
 * reason must have an English half and a Chinese half. The walk below reaches every way
 * `domain/access.ts` says no, and fails when a decision is added that it does not reach.
 */
import { describe, expect, it } from 'vitest';
import * as access from '../../domain/access.js';
import { inLanguage } from '../../domain/bilingual.js';
import { servedClass as schoolClass } from '../support/fixtures.js';

const cjk = /[\u4e00-\u9fff]/;
const englishWords = /[A-Za-z]+\s+[A-Za-z]+/;

/** Belongs to the tenant, serves no class and directs no unit: refused wherever a role or a class is needed. */
const nobody: access.Principal = { userId: 'nobody', tenantId: 't1', roles: [] };
const otherTeacher: access.Principal = { userId: 'teacher-2', tenantId: 't1', unitId: 'u1', roles: ['class-teacher'] };
const ownDocument = { authorId: 'teacher-1', unitId: 'u1' };

/** Every refusal, by the decision that gives it. */
const refusals: Record<string, readonly access.Decision[]> = {
  canActInTenant: [access.canActInTenant(nobody, 't2')],
  canCreateUnit: [access.canCreateUnit(nobody)],
  canCreateClass: [access.canCreateClass(nobody, 'u1')],
  canReadClass: [access.canReadClass(nobody, schoolClass)],
  canReadClassRecords: [access.canReadClassRecords(nobody, schoolClass)],
  canWriteClassRecord: [access.canWriteClassRecord(nobody, schoolClass)],
  canConfigureTenant: [access.canConfigureTenant(nobody)],
  canViewStaffStanding: [access.canViewStaffStanding(nobody, 'teacher-1', { unitId: 'u1', classUnitIds: ['u1'] })],
  canSubmitRecord: [
    access.canSubmitRecord(nobody, 'class', undefined),
    access.canSubmitRecord(nobody, 'class', schoolClass),
    access.canSubmitRecord(nobody, 'staff', undefined),
    access.canSubmitRecord(otherTeacher, 'staff', schoolClass),
    access.canSubmitRecord(nobody, 'staff', undefined, 'registrar'),
    access.canSubmitRecord({ ...nobody, roles: ['registrar'], unitId: 'elsewhere' }, 'class', schoolClass, 'registrar'),
  ],
  canReadRecord: [access.canReadRecord(nobody, ownDocument), access.canReadRecord(nobody, { ...ownDocument, schoolClass })],
  canChangeRecord: [access.canChangeRecord(nobody, ownDocument), access.canChangeRecord(nobody, { ...ownDocument, schoolClass })],
  canReadStudent: [access.canReadStudent(nobody, schoolClass)],
  canImportHistory: [access.canImportHistory(nobody)],
  canStartRun: [access.canStartRun(nobody)],
  canReadRuns: [access.canReadRuns(nobody)],
  canApproveActivity: [access.canApproveActivity(nobody, schoolClass)],
  canRecordStaff: [access.canRecordStaff(nobody, 'u1')],
  canReadStaff: [access.canReadStaff(nobody, 'teacher-1', 'u1')],
  canRecordStatus: [access.canRecordStatus(nobody, 'sanction', schoolClass), access.canRecordStatus(nobody, 'academic-warning', schoolClass)],
  canReadStatuses: [access.canReadStatuses(nobody, schoolClass)],
  canRecordTuition: [access.canRecordTuition(nobody, schoolClass)],
  canReadTuition: [access.canReadTuition(nobody, schoolClass)],
  canRecordGraduation: [access.canRecordGraduation(nobody, schoolClass)],
  canRecordExamSession: [access.canRecordExamSession(nobody, schoolClass)],
  canRecordStaffFigures: [access.canRecordStaffFigures(nobody, 'teaching-hours', 'u1'), access.canRecordStaffFigures(nobody, 'recruitment', 'u1')],
  canReadReport: [access.canReadReport(nobody, { kind: 'tenant' }), access.canReadReport(nobody, { kind: 'unit', unitId: 'u1' }), access.mayReadReports(nobody)],
  canKeepProgrammes: [access.canKeepProgrammes(nobody)],
  canEnrolStudent: [access.canEnrolStudent(nobody, schoolClass)],
  canEnterResult: [access.canEnterResult(nobody, schoolClass, false), access.canEnterResult({ ...nobody, roles: ['course-teacher'], unitId: 'u1' }, schoolClass, false)],
  canDecideCorrection: [access.canDecideCorrection(nobody, schoolClass, 'someone')],
  canRunWarnings: [access.canRunWarnings(nobody, 'u1')],
  canReadResults: [access.canReadResults(nobody, schoolClass, false)],
  canReadWarningRuns: [access.canReadWarningRuns(nobody, 'u1')],
  canUpload: [access.canUpload(nobody, 'class-staff', schoolClass), access.canUpload(nobody, 'class-teacher', schoolClass), access.canUpload(nobody, 'registry', schoolClass)],
  canReadUpload: [access.canReadUpload(nobody, 'someone-else', schoolClass)],
  canUploadForUnit: [access.canUploadForUnit(nobody, 'u1')],
  canReadUnitUploads: [access.canReadUnitUploads(nobody, 'someone-else', 'u1')],
  canImportEnrolments: [access.canImportEnrolments(nobody)],
  canCollectTranscriptExport: [access.canCollectTranscriptExport(nobody, 'someone-else', true), access.canCollectTranscriptExport({ ...nobody, userId: 'asker' }, 'asker', false)],
};

/** Distinct: a decision that defers to another (a student's class to reading the class) repeats its reason. */
const reasons = [
  ...new Set(
    Object.values(refusals)
      .flat()
      .map((decision) => {
        if (decision.allowed) throw new Error('a refusal of the walk was allowed');
        return decision.reason;
      }),
  ),
];

describe('access refusals in both languages', () => {
  it('walks every decision the policy exports', () => {
    // canSeePrivateFields answers yes or no, with nothing to tell the caller: it never becomes a 403.
    // canViewFinding and canSeeAtRiskStudents filter and mask what a listing shows: no 403 either.
    const yesOrNo = new Set(['canSeePrivateFields', 'canViewFinding', 'canSeeAtRiskStudents']);
    const decisions = Object.keys(access).filter((name) => name.startsWith('can') && !yesOrNo.has(name));
    expect(Object.keys(refusals).sort()).toEqual(decisions.sort());
  });

  it.each(reasons.map((reason) => [inLanguage(reason, false), reason]))('"%s" has a Chinese half', (english, reason) => {
    const chinese = inLanguage(reason, true);
    expect(english).not.toMatch(cjk);
    expect(english).toMatch(englishWords);
    expect(chinese).toMatch(cjk);
    expect(chinese).not.toMatch(englishWords);
  });

  it('gives different refusals different reasons, in each language', () => {
    expect(new Set(reasons.map((reason) => inLanguage(reason, false))).size).toBe(reasons.length);
    expect(new Set(reasons.map((reason) => inLanguage(reason, true))).size).toBe(reasons.length);
  });
});
