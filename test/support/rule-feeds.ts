/**
 * Every rule of the compliance engine, with the routes and record kinds that feed its
 * inputs and the statuses it can take (uploads: `POST /uploads`, the file then validated as
 * it lands). rule-inputs-proof.test.ts checks each way in exists;
 * rule-inputs-by-http.test.ts produces the statuses from data entered through them.
 */
import type { FindingStatus } from '../../domain/compliance/index.js';

export const classSetUp = ['POST /tenants/{tenantId}/classes', 'POST /tenants/{tenantId}/classes/{classId}/students', 'PUT /tenants/{tenantId}/classes/{classId}/staff', 'PUT /tenants/{tenantId}/configuration'];
const statuses = 'POST /tenants/{tenantId}/students/{studentNumber}/statuses';
const statusImport = 'POST /tenants/{tenantId}/imports/statuses';
const lifting = 'POST /tenants/{tenantId}/students/{studentNumber}/statuses/{statusId}/lifting';
const record = (kind: string) => `record:${kind}`;
const counts: FindingStatus[] = ['met', 'missed', 'pending'];
const windowed: FindingStatus[] = [...counts, 'not-applicable', 'blocked'];

export interface Feed {
  /** Routes (`METHOD /path`) and record kinds (`record:<kind>`) that feed the rule's inputs, beyond the class set-up. */
  readonly inputs: readonly string[];
  readonly statuses: readonly FindingStatus[];
}

export const feeds: Record<string, Feed> = {
  'CT-PLAN-TERM': { inputs: [record('term-plan')], statuses: counts },
  'CT-PLAN-MONTH': { inputs: [record('monthly-report')], statuses: windowed },
  'CT-SUMMARY-TERM': { inputs: [record('term-summary')], statuses: counts },
  'CT-CLASS-PLAN': { inputs: [record('class-plan')], statuses: counts },
  'CT-MEETING-NEW': { inputs: [record('class-meeting')], statuses: [...counts, 'not-applicable'] },
  'CT-MEETING-OLD': { inputs: [record('class-meeting')], statuses: [...counts, 'not-applicable'] },
  'CT-COMMITTEE': { inputs: [record('committee-election')], statuses: [...counts, 'not-applicable', 'blocked'] },
  'CT-ACTIVITY-REPORT': { inputs: [record('class-activity'), 'POST /tenants/{tenantId}/records/{recordId}/approval', 'POST /tenants/{tenantId}/records/{recordId}/publication'], statuses: [...counts, 'blocked'] },
  'CT-CONTACTS': { inputs: [record('contact-list')], statuses: [...counts, 'not-applicable'] },
  'CT-SUPERVISION-SHEET': { inputs: ['POST /tenants/{tenantId}/uploads'], statuses: counts },
  'CT-RECRUIT': { inputs: ['PUT /tenants/{tenantId}/staff/{userId}/recruitment/{termId}'], statuses: [...counts, 'blocked'] },
  'CT-ARCHIVE': { inputs: ['PUT /tenants/{tenantId}/classes/{classId}/graduation', record('archive-handover')], statuses: counts },
  'CT-EXAM-BOOKING': { inputs: ['PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}', record('exam-booking-followup')], statuses: [...counts, 'not-applicable'] },
  'CT-EXAM-NOTICE': { inputs: ['PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}', record('exam-notice-followup')], statuses: [...counts, 'not-applicable'] },
  'CT-GRAD-PHOTO': { inputs: ['PUT /tenants/{tenantId}/classes/{classId}/graduation', 'POST /tenants/{tenantId}/uploads'], statuses: counts },
  'CO-TALK-RATIO': { inputs: [record('talk')], statuses: counts },
  'CO-TALK-ATRISK': { inputs: [statuses, statusImport, lifting, record('talk')], statuses: windowed },
  'CO-MEETING': { inputs: [record('class-meeting')], statuses: counts },
  'CO-COMMITTEE-MEETING': { inputs: [record('committee-meeting')], statuses: counts },
  'CO-PARENT-ALL': { inputs: [record('parent-contact')], statuses: [...counts, 'blocked'] },
  'CO-PARENT-WARNING': { inputs: [statuses, statusImport, record('parent-contact')], statuses: counts },
  'CO-PARENT-FOLLOWUP': { inputs: [statuses, statusImport, lifting, record('parent-contact')], statuses: [...counts, 'not-applicable'] },
  'CO-DORM': { inputs: [record('dorm-inspection')], statuses: windowed },
  'CO-CLASS-CHECK': { inputs: [record('class-check')], statuses: windowed },
  'CO-LECTURE': { inputs: [record('lecture-observation')], statuses: windowed },
  'CO-TEACHER-CONTACT': { inputs: ['PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}', record('course-teacher-contact')], statuses: [...counts, 'not-applicable'] },
  'CO-TUITION': { inputs: ['PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}'], statuses: [...counts, 'not-applicable', 'blocked'] },
  'CO-SUMMARY-TERM': { inputs: [record('term-summary')], statuses: counts },
  'CO-TEACHING-LOAD': { inputs: ['PUT /tenants/{tenantId}/staff/{userId}/teaching-hours/{termId}'], statuses: counts },
  'REG-UNREGISTERED-LIST': { inputs: [record('unregistered-list')], statuses: counts },
  'REG-REGISTRATION': { inputs: [record('registration')], statuses: counts },
  'REG-ARCHIVE-PAPERS': { inputs: [record('papers-archive')], statuses: [...counts, 'not-applicable'] },
  'REG-MAKEUP-EXAM': { inputs: [record('makeup-exam')], statuses: counts },
  'REG-MAKEUP-RESULTS': { inputs: [record('makeup-exam'), record('makeup-results')], statuses: counts },
  'REG-ACADEMIC-WARNING': { inputs: [record('makeup-exam'), record('academic-warning-run')], statuses: counts },
  // Failed courses per student come from the issued warning run (POST …/warning-runs, issue #11) over the results
  // entered or imported; the registrar's list is a record per class.
  'REG-STATUS-PROCESSING': {
    inputs: ['POST /tenants/{tenantId}/imports/results', 'POST /tenants/{tenantId}/units/{unitId}/warning-runs', record('status-processing-list')],
    statuses: [...counts, 'not-applicable'],
  },
};
