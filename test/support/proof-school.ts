/**
 * The school of issue #10's proof (test/integration/rule-inputs-by-http.test.ts), set up and
 * run through its autumn 2025 term through HTTP routes only, as clients would (uploads through
 * the presigned POST and the bucket's event, test/support/proof-uploads.ts): a diligent
 * class pair, an idle pair and two classes for the blocked and not-applicable cases. What
 * each class's staff did, and when, is told beside each call; the proof works out from it
 * what each rule finds.
 */
import { expect } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { apiAt, expectStatus, type Api } from './api.js';
import { jpeg } from './image-corpus.js';
import { allDutiesDone, supervisionSheet, uploadAllOn, xlsxType, type ProofUpload } from './proof-uploads.js';
import type { UploadBench } from './uploads.js';
import { runWorld } from './runs.js';

export function proofSchool(tenantId: string) {
  const unitId = 'center-p';
  const termId = '2025-autumn';
  const asOf = '2026-08-31T16:00:00.000Z';

  const person = (userId: string, role: Principal['roles'][number]): Principal => ({ userId, tenantId, unitId, roles: [role] });
  const admin: Principal = { userId: 'admin-p', tenantId, roles: ['tenant-admin'] };
  const director = person('director-p', 'center-director');
  const finance = person('finance-p', 'finance');
  const academic = person('academic-p', 'academic-affairs');
  const admissions = person('admissions-p', 'admissions');
  const teacherD = person('teacher-d', 'class-teacher');
  const counselorD = person('counselor-d', 'counselor');
  const registrarD = person('registrar-d', 'registrar');
  const teacherI = person('teacher-i', 'class-teacher');
  const registrarI = person('registrar-i', 'registrar');

  const numbers = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `26110016${prefix}${String(i + 1).padStart(2, '0')}`);
  const [d1, d2, d3, d4] = numbers('000', 4) as [string, string, string, string];
  const [i1, i2, i3, i4] = numbers('001', 4) as [string, string, string, string];
  const studentsOf: Record<string, readonly string[]> = {
    'c-d': [d1, d2, d3, d4],
    'c-i': numbers('001', 4),
    'c-old-d': numbers('002', 2),
    'c-old-i': numbers('003', 2),
    'c-x': numbers('004', 2),
    'c-x2': numbers('005', 1),
  };

  /** The API with the clock at 18:00 in Beijing on `day` (10:00 UTC): staff submit at the end of the day. */
  const apiOfDay = new Map<string, Api>();
  const on = (day: string): Api => apiOfDay.get(day) ?? apiOfDay.set(day, apiAt(new Date(`${day}T10:00:00Z`))).get(day)!;
  const submittedOn = (day: string) => `${day}T10:00:00.000Z`;

  /** Days as `YYYY-MM-DD`, counted in UTC so no time zone moves them. */
  const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const termStart = '2025-09-01';
  const termEnd = '2026-01-16';

  async function submit(day: string, principal: Principal, kind: string, classId: string | undefined, content: unknown): Promise<string> {
    const answer = await expectStatus(on(day)('POST /tenants/{tenantId}/records', { pathParameters: { tenantId }, principal, body: { kind, ...(classId ? { classId } : {}), content } }), 201);
    return answer.body.recordId as string;
  }

  const meeting = (heldOn: string, attendees: readonly string[]) => ({
    heldOn,
    kind: 'regular',
    agenda: '学风建设',
    noticeIssuedAt: `${addDays(heldOn, -3)}T09:00:00+08:00`,
    attendees,
    summary: '到会同学讨论了学习计划。',
  });

  /**
   * The rows generated from the term's calendar, imported as history (POST /imports/records):
   * counselor-d checks c-d's classes every Wednesday and its dorms on the first Wednesday of
   * every fortnight from the Monday of teaching week 1, observes a lecture on the 15th of
   * every month; teacher-d writes each month's report on the 28th; the term plan before the
   * term, both term summaries the day before it ends; registrar-d files last term's papers,
   * holds the make-up exam, reports its results and runs the warnings after it. registrar-i
   * holds the make-up exam late, and nothing after it.
   */
  function historyRows() {
    const rows: Record<string, unknown>[] = [];
    const row = (authorId: string, day: string, kind: string, classId: string | undefined, content: unknown) =>
      rows.push({ kind, ...(classId ? { classId } : {}), content, authorId, submittedAt: submittedOn(day) });
    for (let monday = termStart, week = 0; monday <= termEnd; monday = addDays(monday, 7), week++) {
      const wednesday = addDays(monday, 2);
      row('counselor-d', wednesday, 'class-check', 'c-d', { checkedOn: wednesday, course: '基础会计', expected: 4, present: 4, absent: [], late: [] });
      if (week % 2 === 0) row('counselor-d', wednesday, 'dorm-inspection', 'c-d', { inspectedOn: wednesday, rooms: ['5-301'], hygiene: '整洁', absentStudents: [] });
    }
    for (const month of ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01']) {
      row('counselor-d', `${month}-15`, 'lecture-observation', undefined, { observedOn: `${month}-15`, course: '经济法', teacher: '李老师', notes: '课堂纪律良好' });
      row('teacher-d', `${month}-28`, 'monthly-report', undefined, { covers: month, summary: '本月工作小结。', nextMonthPlan: '下月工作计划。' });
    }
    row('teacher-d', '2025-08-25', 'term-plan', undefined, { covers: termId, content: '本学期工作计划。' });
    row('teacher-d', '2026-01-15', 'term-summary', undefined, { covers: termId, content: '学期工作总结。' });
    row('counselor-d', '2026-01-15', 'term-summary', undefined, { covers: termId, content: '辅导员学期工作总结。' });
    row('registrar-d', '2025-09-04', 'papers-archive', undefined, { covers: '2025-spring', archivedOn: '2025-09-04' });
    row('registrar-d', '2025-09-13', 'makeup-exam', undefined, { heldOn: '2025-09-13', courses: ['基础会计'], examinees: 6 });
    row('registrar-d', '2025-09-18', 'makeup-results', undefined, { reportedOn: '2025-09-18' });
    row('registrar-d', '2025-09-25', 'academic-warning-run', undefined, { runOn: '2025-09-25', warned: 1 });
    row('registrar-i', '2025-09-27', 'makeup-exam', undefined, { heldOn: '2025-09-27', courses: ['基础会计'], examinees: 5 });
    return rows;
  }

  async function setUpSchool(): Promise<void> {
    const call = on('2025-08-20');
    await expectStatus(call('PUT /tenants/{tenantId}', { pathParameters: { tenantId }, principal: admin, body: { name: '弘成教育', kind: 'headquarters' } }), 201);
    await expectStatus(call('POST /tenants/{tenantId}/units', { pathParameters: { tenantId }, principal: admin, body: { unitId, name: '杭州学习中心', kind: 'learning-center' } }), 201);
    const configuration = {
      academicYears: [
        { id: '2024-2025', start: '2024-09-01', end: '2025-08-31' },
        { id: '2025-2026', start: '2025-09-01', end: '2026-08-31' },
      ],
      terms: [
        { id: '2025-spring', start: '2025-03-03', end: '2025-07-11', academicYearId: '2024-2025' },
        { id: termId, start: termStart, end: termEnd, academicYearId: '2025-2026' },
      ],
    };
    await expectStatus(call('PUT /tenants/{tenantId}/configuration', { pathParameters: { tenantId }, principal: admin, body: configuration }), 201);
    for (const userId of ['teacher-d', 'counselor-d', 'teacher-i', 'counselor-i', 'teacher-x', 'counselor-x']) {
      await expectStatus(call('PUT /tenants/{tenantId}/staff/{userId}', { pathParameters: { tenantId, userId }, principal: admin, body: { name: `老师${userId}`, unitId } }), 201);
    }
    const classes = [
      { classId: 'c-d', cohort: 'new', entryTerm: termId, classTeacherId: 'teacher-d', counselorId: 'counselor-d' },
      { classId: 'c-i', cohort: 'new', entryTerm: termId, classTeacherId: 'teacher-i', counselorId: 'counselor-i' },
      // Entered before every configured term (brought in from another system): returning.
      { classId: 'c-old-d', cohort: 'returning', entryTerm: '2024-autumn', classTeacherId: 'teacher-d' },
      { classId: 'c-old-i', cohort: 'returning', entryTerm: '2024-autumn', classTeacherId: 'teacher-i' },
      { classId: 'c-x', cohort: 'new', entryTerm: termId, classTeacherId: 'teacher-x', counselorId: 'counselor-x' },
      { classId: 'c-x2', cohort: 'new', entryTerm: termId, classTeacherId: 'teacher-x', counselorId: 'counselor-x' },
    ];
    for (const c of classes) {
      const students = (studentsOf[c.classId] ?? []).map((studentNumber, i) => ({ studentNumber, name: `学生${i + 1}` }));
      // c-d's fourth student joins through the bulk roster route, as a late registration would.
      const atCreation = c.classId === 'c-d' ? students.slice(0, 3) : students;
      await expectStatus(call('POST /tenants/{tenantId}/classes', { pathParameters: { tenantId }, principal: admin, body: { ...c, unitId, name: `会计${c.classId}班`, students: atCreation } }), 201);
    }
    await expectStatus(call('POST /tenants/{tenantId}/classes/{classId}/students', { pathParameters: { tenantId, classId: 'c-d' }, principal: admin, body: { students: [{ studentNumber: d4, name: '学生4' }] } }), 201);
    // A student of c-x was warned in the spring and the warning lifted in August, before the term: nobody at risk in c-x this term.
    const xStudent = studentsOf['c-x']![0]!;
    const warned = await expectStatus(call('POST /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber: xStudent }, principal: director, body: { kind: 'sanction', documentOn: '2025-06-02' } }), 201);
    await expectStatus(call('POST /tenants/{tenantId}/students/{studentNumber}/statuses/{statusId}/lifting', { pathParameters: { tenantId, studentNumber: xStudent, statusId: warned.body.statusId }, principal: director, headers: { 'if-match': '"1"' }, body: { clearedOn: '2025-08-15' } }), 200);
    for (const [classId, staff] of [['c-d', { classTeacherId: 'teacher-d', counselorId: 'counselor-d', registrarId: 'registrar-d' }], ['c-i', { classTeacherId: 'teacher-i', counselorId: 'counselor-i', registrarId: 'registrar-i' }]] as const) {
      await expectStatus(call('PUT /tenants/{tenantId}/classes/{classId}/staff', { pathParameters: { tenantId, classId }, principal: admin, headers: { 'if-match': '"1"' }, body: staff }), 200);
      await expectStatus(call('PUT /tenants/{tenantId}/classes/{classId}/course-teachers/{termId}', { pathParameters: { tenantId, classId, termId }, principal: director, body: { teacherIds: ['ct-math', 'ct-english'] } }), 201);
    }
    // c-x2's registrar, registrar-x, has nobody with failed courses to list (REG-STATUS-PROCESSING not applicable).
    await expectStatus(call('PUT /tenants/{tenantId}/classes/{classId}/staff', { pathParameters: { tenantId, classId: 'c-x2' }, principal: admin, headers: { 'if-match': '"1"' }, body: { classTeacherId: 'teacher-x', counselorId: 'counselor-x', registrarId: 'registrar-x' } }), 200);
  }

  /**
   * Last term's failed courses, through the academics routes (REG-STATUS-PROCESSING): d3 (c-d)
   * and i3 (c-i) entered in spring 2025 (grade 2025-spring) and failed C1–C4 of its four courses,
   * 30 each, no make-up. registrar-d imports the results and issues the unit's warning run for
   * 2025-spring on 20 August 2025 (pass mark 60, defaults: warned from 1 course failed in the
   * term, listed for processing from 4 failed in total):
   *   d3, i3: in-term failed C1 C2 C3 C4 = 4 ≥ 1 → warned; total 4 ≥ 4 → status-processing list;
   *   everyone else of the unit: no results, 0 failed.
   * The list is due at the end of the first month of the next academic year's first term:
   * 2025-autumn starts Mon 1 Sep 2025 → 30 Sep 2025, this term. The four statuses the run
   * records (a warning and a processing each) are lifted on 29 August, before the term, like
   * c-x's sanction: the counselors' cases (CO-TALK-ATRISK, CO-PARENT-*) stay as worked out
   * without them; the failed-course counts the rule reads are kept as the run left them.
   */
  async function failLastTerm(): Promise<void> {
    const call = on('2025-08-20');
    const courses = ['C1', 'C2', 'C3', 'C4'].map((code) => ({ code, name: `课程${code}`, credits: 2, programmeTerm: 1, degreeCourse: false }));
    await expectStatus(call('PUT /tenants/{tenantId}/programmes/{majorId}', { pathParameters: { tenantId, majorId: 'acc' }, principal: registrarD, body: { name: '会计学', level: 'junior-college', studentType: 'open-education', requiredCredits: 8, courses } }), 201);
    await expectStatus(call('PUT /tenants/{tenantId}/units/{unitId}/offerings/{termId}', { pathParameters: { tenantId, unitId, termId: '2025-spring' }, principal: registrarD, body: { grades: [{ grade: '2025-spring', majorIds: ['acc'] }] } }), 201);
    for (const studentNumber of [d3, i3]) {
      await expectStatus(call('PUT /tenants/{tenantId}/students/{studentNumber}/programme', { pathParameters: { tenantId, studentNumber }, principal: registrarD, body: { majorId: 'acc', grade: '2025-spring' } }), 201);
    }
    const results = [d3, i3].flatMap((studentNumber) => courses.map(({ code }) => ({ studentNumber, termId: '2025-spring', courseCode: code, score: 30 })));
    await expectStatus(call('POST /tenants/{tenantId}/imports/results', { pathParameters: { tenantId }, principal: registrarD, body: { results } }), 201);
    // The run is a job: accepted (202), worked out class by class on the catalog's queue, then read at its Location.
    const world = runWorld(new Date('2025-08-20T10:00:00Z'));
    const job = apiAt(new Date('2025-08-20T10:00:00Z'), world.dependencies);
    const accepted = await expectStatus(job('POST /tenants/{tenantId}/units/{unitId}/warning-runs', { pathParameters: { tenantId, unitId }, principal: registrarD, body: { termId: '2025-spring', documentOn: '2025-08-20', documentRef: '教务〔2025〕20号', issue: true } }), 202);
    await world.local.idle();
    world.local.stop();
    const issued = await expectStatus(job('GET /tenants/{tenantId}/units/{unitId}/warning-runs/{runId}', { pathParameters: { tenantId, unitId, runId: accepted.body.runId }, principal: registrarD }), 200);
    expect(issued.body.status).toBe('done');
    expect(issued.body.processing.map((s: { studentNumber: string }) => s.studentNumber).sort()).toEqual([d3, i3]);
    expect(issued.body.processingDueOn).toBe('2025-09-30');
    for (const studentNumber of [d3, i3]) {
      const listed = await expectStatus(on('2025-08-29')('GET /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber }, principal: director }), 200);
      expect(listed.body.items).toHaveLength(2);
      for (const status of listed.body.items as { statusId: string }[]) {
        await expectStatus(on('2025-08-29')('POST /tenants/{tenantId}/students/{studentNumber}/statuses/{statusId}/lifting', { pathParameters: { tenantId, studentNumber, statusId: status.statusId }, principal: registrarD, headers: { 'if-match': '"1"' }, body: { clearedOn: '2025-08-29' } }), 200);
      }
    }
  }

  /** What the diligent staff submit through POST /records, and what the idle ones do (too little), day by day. */
  async function submitThroughTheTerm(): Promise<void> {
    // Week 1: the class plans (by the end of teaching week 1, Sun 7 Sep), the committee elected, the registrar's registration.
    await submit('2025-09-03', teacherD, 'class-plan', 'c-d', { covers: termId, content: '班级学期计划。' });
    await submit('2025-09-03', teacherD, 'class-plan', 'c-old-d', { covers: termId, content: '老生班学期计划。' });
    await submit('2025-09-03', teacherD, 'committee-election', 'c-d', { heldOn: '2025-09-03', members: [{ studentNumber: d1, post: '班长' }, { studentNumber: d2, post: '学习委员' }] });
    await submit('2025-09-10', teacherD, 'contact-list', 'c-d', { compiledOn: '2025-09-08', checkedOn: '2025-09-09', distributedOn: '2025-09-10' });
    await submit('2025-09-10', teacherD, 'unregistered-list', 'c-d', { covers: termId, unpaid: [d4], unregistered: [] });
    await submit('2025-09-11', registrarD, 'registration', 'c-d', { covers: termId, registeredOn: '2025-09-11', registered: 4 });
    // registrar-d's status-processing list of c-d, by 30 Sep: d3, the one of c-d the warning run listed. registrar-i sends none.
    await submit('2025-09-11', registrarD, 'status-processing-list', 'c-d', { covers: termId, students: [d3] });
    // Class meetings: three of teacher-d's in the new class, two in the returning one; teacher-i holds one.
    for (const day of ['2025-09-12', '2025-10-17', '2025-11-14']) await submit(day, teacherD, 'class-meeting', 'c-d', meeting(day, [d1, d2, d3]));
    for (const day of ['2025-09-19', '2025-11-21']) await submit(day, teacherD, 'class-meeting', 'c-old-d', meeting(day, studentsOf['c-old-d'] as string[]));
    await submit('2025-10-17', teacherI, 'class-meeting', 'c-i', meeting('2025-10-17', [i1, i2]));
    // counselor-d's own four class meetings and two committee meetings.
    for (const day of ['2025-09-19', '2025-10-24', '2025-11-21', '2025-12-19']) await submit(day, counselorD, 'class-meeting', 'c-d', meeting(day, [d1, d2, d3, d4]));
    for (const day of ['2025-10-20', '2025-12-08']) await submit(day, counselorD, 'committee-meeting', 'c-d', { heldOn: day, agenda: '班委分工', attendees: [d1, d2], minutes: '分工明确。' });
    // Talks and parents: d2 and d3 in September, the parents of d2, d3, d4 too.
    await submit('2025-09-26', counselorD, 'talk', 'c-d', { heldOn: '2025-09-26', students: [d2, d3], topic: '学习状态', notes: '谈话记录' });
    for (const [day, student] of [['2025-09-22', d2], ['2025-09-23', d3], ['2025-09-24', d4]] as const) {
      await submit(day, counselorD, 'parent-contact', 'c-d', { contactedOn: day, studentNumber: student, channel: 'phone', reason: 'routine', notes: '通报在校情况' });
    }
    for (const [day, teacher] of [['2025-10-09', 'ct-math'], ['2025-11-12', 'ct-english']] as const) {
      await submit(day, counselorD, 'course-teacher-contact', 'c-d', { contactedOn: day, courseTeacherId: teacher, channel: 'qq', notes: '了解作业完成情况' });
    }

    // Monday 13 October: the college warns d1 and i1 (学籍预警); registrar-d records d1's, registrar-i imports i1's.
    await expectStatus(on('2025-10-13')('POST /tenants/{tenantId}/students/{studentNumber}/statuses', { pathParameters: { tenantId, studentNumber: d1 }, principal: registrarD, body: { kind: 'academic-warning', documentOn: '2025-10-13', documentRef: '教务〔2025〕31号' } }), 201);
    await expectStatus(on('2025-10-13')('POST /tenants/{tenantId}/imports/statuses', { pathParameters: { tenantId }, principal: registrarI, body: { statuses: [{ studentNumber: i1, kind: 'academic-warning', documentOn: '2025-10-13' }] } }), 201);
    // counselor-d tells d1's parents on the 15th (within the week), talks to d1 on the 20th, follows up with the parents on 5 November.
    await submit('2025-10-15', counselorD, 'parent-contact', 'c-d', { contactedOn: '2025-10-15', studentNumber: d1, channel: 'phone', reason: 'warning', notes: '通报学籍预警' });
    await submit('2025-10-20', counselorD, 'talk', 'c-d', { heldOn: '2025-10-20', students: [d1], topic: '学业预警', notes: '谈话记录' });
    await submit('2025-11-05', counselorD, 'parent-contact', 'c-d', { contactedOn: '2025-11-05', studentNumber: d1, channel: 'qq', reason: 'routine', notes: '跟踪联系' });

    // Wednesday 15 October: both classes go on an outing. c-d's report is written on the 16th, approved by the center head that day and published the 17th; c-i's is never approved.
    const outing = { heldOn: '2025-10-15', plan: '秋游', expenses: 300, report: { writtenOn: '2025-10-16', text: '活动报告' } };
    const activity = await submit('2025-10-16', teacherD, 'class-activity', 'c-d', outing);
    await submit('2025-10-16', teacherI, 'class-activity', 'c-i', outing);
    await expectStatus(on('2025-10-16')('POST /tenants/{tenantId}/records/{recordId}/approval', { pathParameters: { tenantId, recordId: activity }, principal: director, headers: { 'if-match': '"1"' } }), 200);
    await expectStatus(on('2025-10-17')('POST /tenants/{tenantId}/records/{recordId}/publication', { pathParameters: { tenantId, recordId: activity }, principal: director, headers: { 'if-match': '"2"' } }), 200);

    // The November exam: booking 1–10 November, the exam on the 20th. Academic affairs lists who had not booked and not confirmed.
    const session = (unbooked: readonly string[], unconfirmed: readonly string[]) => ({ bookingOpensOn: '2025-11-01', bookingClosesOn: '2025-11-10', examOn: '2025-11-20', unbookedStudents: unbooked, unconfirmedStudents: unconfirmed });
    for (const [classId, body] of [['c-d', session([d1, d2], [d3])], ['c-i', session([i1, i2], [i1])], ['c-x', session([], [])]] as const) {
      await expectStatus(on('2025-11-08')('PUT /tenants/{tenantId}/classes/{classId}/exams/{examId}', { pathParameters: { tenantId, classId, examId: 'final-2025' }, principal: academic, body }), 201);
    }
    await submit('2025-11-09', teacherD, 'exam-booking-followup', 'c-d', { examId: 'final-2025', contactedOn: '2025-11-09', students: [d1, d2], channel: 'phone' });
    await submit('2025-11-18', teacherD, 'exam-notice-followup', 'c-d', { examId: 'final-2025', contactedOn: '2025-11-18', students: [d3], channel: 'sms' });

    // Graduation on 20 December of two students of each new class, applied for on the 10th (their photos were due before,
    // see uploadThroughTheTerm); teacher-d hands their files to the archive room on the 22nd.
    for (const classId of ['c-d', 'c-i']) {
      const graduating = (studentsOf[classId] ?? []).slice(0, 2);
      await expectStatus(on('2025-12-20')('PUT /tenants/{tenantId}/classes/{classId}/graduation', { pathParameters: { tenantId, classId }, principal: director, body: { applicationOn: '2025-12-10', graduatesOn: '2025-12-20', studentNumbers: graduating } }), 201);
    }
    await submit('2025-12-22', teacherD, 'archive-handover', 'c-d', { handedOverOn: '2025-12-22', students: [d1, d2], receivedBy: '档案室' });

    // Finance's figures (yuan): c-d all paid; c-i two of four; c-x2 nobody billed; c-x none at all.
    const tuition = (classId: string, rows: readonly { studentNumber: string; billed: number; paid: number }[]) =>
      expectStatus(on('2026-01-10')('PUT /tenants/{tenantId}/classes/{classId}/tuition/{termId}', { pathParameters: { tenantId, classId, termId }, principal: finance, body: { students: rows } }), 201);
    await tuition('c-d', [d1, d2, d3, d4].map((studentNumber) => ({ studentNumber, billed: 3600, paid: 3600 })));
    await tuition('c-i', (studentsOf['c-i'] ?? []).map((studentNumber, i) => ({ studentNumber, billed: 3600, paid: i < 2 ? 3600 : 1800 })));
    await tuition('c-x2', (studentsOf['c-x2'] ?? []).map((studentNumber) => ({ studentNumber, billed: 0, paid: 0 })));
    // Teaching hours: 48 for counselor-d, 60 for counselor-i. Recruitment: teacher-d beats both targets, teacher-i misses both; teacher-x has none set.
    for (const [userId, hours] of [['counselor-d', 48], ['counselor-i', 60]] as const) {
      await expectStatus(on('2026-01-10')('PUT /tenants/{tenantId}/staff/{userId}/teaching-hours/{termId}', { pathParameters: { tenantId, userId, termId }, principal: academic, body: { hours } }), 201);
    }
    for (const [userId, body] of [['teacher-d', { referral: { target: 2, result: 2 }, continuation: { target: 3, result: 4 } }], ['teacher-i', { referral: { target: 2, result: 0 }, continuation: { target: 3, result: 1 } }]] as const) {
      await expectStatus(on('2026-01-20')('PUT /tenants/{tenantId}/staff/{userId}/recruitment/{termId}', { pathParameters: { tenantId, userId, termId }, principal: admissions, body }), 201);
    }
    // The calendar-generated history, in one import.
    const imported = await expectStatus(on('2026-02-01')('POST /tenants/{tenantId}/imports/records', { pathParameters: { tenantId }, principal: admin, body: { importKey: 'term-history', records: historyRows() } }), 201);
    // 20 class checks + 10 dorm inspections + 5 lectures + 5 monthly reports + 1 term plan + 2 summaries + 4 of registrar-d + 1 of registrar-i.
    expect(imported.body.count).toBe(48);
  }

  /** A student's name on the roster: `学生n`, n their place in the class (setUpSchool). */
  const nameOf = (classId: string, studentNumber: string) => `学生${(studentsOf[classId] ?? []).indexOf(studentNumber) + 1}`;
  const graduationPhoto = (classId: string, studentNumber: string): ProofUpload => ({ purpose: 'graduation-photo', classId, fileName: `${studentNumber}${nameOf(classId, studentNumber)}.jpg`, contentType: 'image/jpeg' });
  const supervision = (classId: string): ProofUpload => ({ purpose: 'supervision-sheet', classId, fileName: '督学统计表.xlsx', contentType: xlsxType, termId });
  /** The 督学统计表 rows of `classId`: every student of its roster, each duty as `duties` says (all done by default). */
  const sheetRows = (classId: string, duties: (studentNumber: string) => (string | null)[] = allDutiesDone) =>
    (studentsOf[classId] ?? []).map((studentNumber) => [studentNumber, nameOf(classId, studentNumber), ...duties(studentNumber)]);

  /**
   * The class teachers' uploads (CT-GRAD-PHOTO, CT-SUPERVISION-SHEET), through the whole upload path.
   * Friday 5 December, before the graduation application of the 10th: teacher-d sends the photos of both graduates
   * of c-d (480 wide × 640 high, named student number + name as seed 003 asks); teacher-i sends i1's taken
   * landscape (640 × 480), which is refused, and i2's (a good one) only on the 10th, the application day.
   * Tuesday 20 January 2026, within the week after the term (to the 23rd): teacher-d sends the 督学统计表 of c-d and
   * c-old-d, every duty filled for every student; teacher-i sends c-i's with i3's 课程作业 empty and no row for i4,
   * which is checked, found incomplete and refused; nothing for c-old-i.
   */
  async function uploadThroughTheTerm(bench: UploadBench): Promise<void> {
    const photo = jpeg({ width: 480, height: 640 });
    const [d1Photo, d2Photo, landscape] = await uploadAllOn(bench, on('2025-12-05'), '2025-12-05', tenantId, [
      { principal: teacherD, request: graduationPhoto('c-d', d1), bytes: photo },
      { principal: teacherD, request: graduationPhoto('c-d', d2), bytes: photo },
      { principal: teacherI, request: graduationPhoto('c-i', i1), bytes: jpeg({ width: 640, height: 480 }) },
    ]);
    expect([d1Photo, d2Photo]).toMatchObject([{ verdict: 'accepted' }, { verdict: 'accepted' }]);
    expect(landscape).toMatchObject({ verdict: 'rejected' });
    expect((landscape!['problems'] as { rule: string }[]).map((p) => p.rule).sort()).toEqual(['GRAD-PHOTO-480x640', 'GRAD-PHOTO-LANDSCAPE']);
    // i2's photo arrives on the application day itself: a good photo, but late.
    expect(await uploadAllOn(bench, on('2025-12-10'), '2025-12-10', tenantId, [{ principal: teacherI, request: graduationPhoto('c-i', i2), bytes: photo }])).toMatchObject([{ verdict: 'accepted' }]);

    // 课程作业 is the third duty; i4 (the last of c-i's four) has no row.
    const incompleteRows = sheetRows('c-i', (student) => (student === i3 ? allDutiesDone().map((done, n) => (n === 2 ? null : done)) : allDutiesDone())).slice(0, 3);
    const sheets = await uploadAllOn(bench, on('2026-01-20'), '2026-01-20', tenantId, [
      { principal: teacherD, request: supervision('c-d'), bytes: await supervisionSheet(sheetRows('c-d')) },
      { principal: teacherD, request: supervision('c-old-d'), bytes: await supervisionSheet(sheetRows('c-old-d')) },
      { principal: teacherI, request: supervision('c-i'), bytes: await supervisionSheet(incompleteRows) },
    ]);
    expect(sheets).toMatchObject([
      { verdict: 'accepted', complete: true },
      { verdict: 'accepted', complete: true },
      { verdict: 'rejected', complete: false, missingCellCount: 21 },
    ]);
  }

  return {
    admin,
    termId,
    asOf,
    listedForProcessing: { diligent: d3, idle: i3 },
    idleStudents: { i1, i2, i3, i4 },
    setUp: async (bench: UploadBench) => {
      await setUpSchool();
      await failLastTerm();
      await submitThroughTheTerm();
      await uploadThroughTheTerm(bench);
    },
  };
}
