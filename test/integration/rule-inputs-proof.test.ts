/**
 * Every rule of the compliance engine, with the way each of its inputs gets in through the
 * API (a route, or a record kind submitted with POST /records) and the statuses it can take.
 * The behaviour behind each feed is shown with figures worked out by hand in
 * rule-inputs.test.ts and the older integration tests; this walk fails when a rule is added
 * without a way in, or names a route or kind that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { RULES, type FindingStatus } from '../../domain/compliance/index.js';
import { submittableKinds } from '../../domain/records/kinds.js';
import { httpRoutes, routeKeyOf } from '../../functions/catalog.js';

const classSetUp = ['POST /tenants/{tenantId}/classes', 'POST /tenants/{tenantId}/classes/{classId}/students', 'PUT /tenants/{tenantId}/classes/{classId}/staff', 'PUT /tenants/{tenantId}/configuration'];
const statuses = 'POST /tenants/{tenantId}/students/{studentNumber}/statuses';
const statusImport = 'POST /tenants/{tenantId}/imports/statuses';
const lifting = 'POST /tenants/{tenantId}/students/{studentNumber}/statuses/{statusId}/lifting';
const record = (kind: string) => `record:${kind}`;
const counts: FindingStatus[] = ['met', 'missed', 'pending'];
const windowed: FindingStatus[] = [...counts, 'not-applicable', 'blocked'];

interface Feed {
  /** Routes (`METHOD /path`) and record kinds (`record:<kind>`) that feed the rule's inputs, beyond the class set-up. */
  readonly inputs: readonly string[];
  readonly statuses: readonly FindingStatus[];
  /** Inputs that arrive by another issue's route, named. */
  readonly elsewhere?: string;
}

const feeds: Record<string, Feed> = {
  'CT-PLAN-TERM': { inputs: [record('term-plan')], statuses: counts },
  'CT-PLAN-MONTH': { inputs: [record('monthly-report')], statuses: windowed },
  'CT-SUMMARY-TERM': { inputs: [record('term-summary')], statuses: counts },
  'CT-CLASS-PLAN': { inputs: [record('class-plan')], statuses: counts },
  'CT-MEETING-NEW': { inputs: [record('class-meeting')], statuses: counts },
  'CT-MEETING-OLD': { inputs: [record('class-meeting')], statuses: counts },
  'CT-COMMITTEE': { inputs: [record('committee-election')], statuses: [...counts, 'blocked'] },
  'CT-ACTIVITY-REPORT': { inputs: [record('class-activity'), 'POST /tenants/{tenantId}/records/{recordId}/approval', 'POST /tenants/{tenantId}/records/{recordId}/publication'], statuses: [...counts, 'blocked'] },
  'CT-CONTACTS': { inputs: [record('contact-list')], statuses: [...counts, 'not-applicable'] },
  'CT-SUPERVISION-SHEET': { inputs: [], statuses: counts, elsewhere: 'the 督学统计表 upload (uploads issue): record kind supervision-sheet' },
  'CT-RECRUIT': { inputs: ['PUT /tenants/{tenantId}/staff/{userId}/recruitment/{termId}'], statuses: [...counts, 'blocked'] },
  'CT-ARCHIVE': { inputs: ['PUT /tenants/{tenantId}/classes/{classId}/graduation', record('archive-handover')], statuses: counts },
  'CT-EXAM-BOOKING': { inputs: ['PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}', record('exam-booking-followup')], statuses: [...counts, 'not-applicable'] },
  'CT-EXAM-NOTICE': { inputs: ['PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}', record('exam-notice-followup')], statuses: [...counts, 'not-applicable'] },
  'CT-GRAD-PHOTO': { inputs: ['PUT /tenants/{tenantId}/classes/{classId}/graduation'], statuses: counts, elsewhere: 'graduation photos (uploads issue): record kind graduation-photo' },
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
  // Failed courses per student come from the issued warning run; the list as the registrar's evidence (a record kind) is still to come.
  'REG-STATUS-PROCESSING': { inputs: ['POST /tenants/{tenantId}/units/{unitId}/warning-runs'], statuses: [...counts, 'not-applicable'], elsewhere: 'the status-processing list as a record the registrar submits' },
};

describe('every rule has a way in for every input', () => {
  const routes = new Set(httpRoutes.map(routeKeyOf));
  const kinds = new Set<string>(submittableKinds);

  it('lists every rule of the engine, and no other', () => {
    expect(Object.keys(feeds).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it.each(Object.entries(feeds))('%s: every route and record kind it names exists', (_, feed) => {
    for (const input of [...classSetUp, ...feed.inputs]) {
      if (input.startsWith('record:')) expect(kinds, input).toContain(input.slice('record:'.length));
      else expect(routes, input).toContain(input);
    }
  });

  it('leaves to other issues only the two upload-fed rules and the failed courses', () => {
    expect(Object.entries(feeds).filter(([, feed]) => feed.elsewhere !== undefined).map(([id]) => id).sort()).toEqual(['CT-GRAD-PHOTO', 'CT-SUPERVISION-SHEET', 'REG-STATUS-PROCESSING']);
  });
});
