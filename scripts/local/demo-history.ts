/**
 * The demo class's 2025 autumn term as another system kept it: what teacher Wang handed in,
 * with the original submission times, imported through `POST /imports/records` as a
 * client would. Chosen so that the term-end report (as of 24 January 2026, one week after
 * the term ended on Friday 16 January) shows met, missed, not applicable and blocked
 * findings, and one pending:
 *
 * - met: term plan before the term, class plan, contact list, committee, September and
 *   December reports, the November activity reported in 3 working days, term summary;
 * - missed: October's report came on 4 November, none for November, the December
 *   activity reported 9 days later, two class meetings of the three a new class owes
 *   (the orientation meeting `seedDemo` submits is submitted today, after the report's
 *   as-of), no 督学统计表;
 * - not applicable: the returning-class meeting quota (the class is new this term);
 * - blocked: recruitment, for which the seeds set no target;
 * - pending: January's report, due by the end of 31 January, after the as-of (the run
 *   keeps the periods still open once the term has ended; the report shows them).
 */
const wang = 'teacher-wang';
const at = (day: string, time: string) => `${day}T${time}:00+08:00`;

export const demoHistoryImportKey = 'demo-2025-autumn-history';

export function demoHistory(classId: string, students: readonly string[]) {
  const [first, second, third, fourth] = students as [string, string, string, string, ...string[]];
  const meeting = (heldOn: string, noticeOn: string, agenda: string, attendees: readonly string[], summary: string) => ({
    kind: 'class-meeting',
    classId,
    authorId: wang,
    submittedAt: at(heldOn, '20:30'),
    content: { heldOn, kind: 'regular', agenda, noticeIssuedAt: at(noticeOn, '09:00'), attendees, summary },
  });
  const monthly = (covers: string, submittedAt: string, summary: string, nextMonthPlan: string) => ({
    kind: 'monthly-report',
    authorId: wang,
    submittedAt,
    content: { covers, summary, nextMonthPlan },
  });
  const activity = (heldOn: string, plan: string, report: { writtenOn: string; approvedOn: string; publishedOn: string; text: string }) => ({
    kind: 'class-activity',
    classId,
    authorId: wang,
    submittedAt: at(report.publishedOn, '17:00'),
    content: { heldOn, plan, expenses: 120, report },
  });
  return [
    { kind: 'term-plan', authorId: wang, submittedAt: at('2025-08-28', '10:00'), content: { covers: '2025-autumn', content: '本学期班主任工作计划：新生入学教育、组建班委、导学与统考督促。' } },
    { kind: 'class-plan', classId, authorId: wang, submittedAt: at('2025-09-03', '10:00'), content: { covers: '2025-autumn', content: '班计划：九月组建班委，每月一次班会，期末前组织复习。' } },
    { kind: 'contact-list', classId, authorId: wang, submittedAt: at('2025-09-10', '17:00'), content: { compiledOn: '2025-09-08', checkedOn: '2025-09-09', distributedOn: '2025-09-10' } },
    {
      kind: 'committee-election',
      classId,
      authorId: wang,
      submittedAt: at('2025-09-12', '18:00'),
      content: { heldOn: '2025-09-12', members: [{ studentNumber: first, post: '班长' }, { studentNumber: second, post: '学习委员' }] },
    },
    monthly('2025-09', at('2025-09-30', '20:00'), '九月完成新生入学教育与选课。', '十月督促平台学习进度。'),
    meeting('2025-10-17', '2025-10-14', '学习进度与统考报名', [first, second, third, fourth], '通报平台学习进度，提醒统考报名时间。'),
    monthly('2025-10', at('2025-11-04', '09:00'), '十月督促学习进度，召开班会一次。', '十一月组织期中复习。'),
    activity('2025-11-15', '西湖秋季健步走', { writtenOn: '2025-11-17', approvedOn: '2025-11-18', publishedOn: '2025-11-19', text: '十五名同学参加健步走，活动顺利。' }),
    meeting('2025-12-12', '2025-12-09', '期末复习与考风考纪', [first, second, third], '布置期末复习，强调考试纪律。'),
    activity('2025-12-20', '冬至包饺子', { writtenOn: '2025-12-29', approvedOn: '2025-12-30', publishedOn: '2025-12-31', text: '冬至集体包饺子，增进同学交流。' }),
    monthly('2025-12', at('2025-12-31', '16:00'), '十二月组织期末复习与班会。', '一月完成期末考试与学期总结。'),
    { kind: 'term-summary', authorId: wang, submittedAt: at('2026-01-15', '17:00'), content: { covers: '2025-autumn', content: '本学期完成入学教育、班委组建、两次班会与两次班级活动。' } },
  ];
}
