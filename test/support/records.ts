/** Bodies of record submissions the handler tests share. */
export const classMeetingContent = (attendees: readonly string[], overrides: Record<string, unknown> = {}) => ({
  heldOn: '2025-09-12',
  kind: 'regular',
  agenda: '期末复习与考风考纪教育',
  noticeIssuedAt: '2025-09-08T09:00:00+08:00',
  attendees,
  summary: '到会同学听取了考试纪律要求。',
  ...overrides,
});

export const classMeeting = (classId: string, attendees: readonly string[], overrides: Record<string, unknown> = {}) => ({
  kind: 'class-meeting',
  classId,
  content: classMeetingContent(attendees, overrides),
});

/** A valid content of every record kind, naming students from `roster` where the kind names any. */
export function sampleContents(roster: readonly [string, string, ...string[]]): Record<string, Record<string, unknown>> {
  const [first, second] = roster;
  return {
    'term-plan': { covers: '2025-autumn', content: '本学期工作计划：组建班委、开展导学。' },
    'monthly-report': { covers: '2025-10', summary: '十月完成选课督促。', nextMonthPlan: '十一月组织期中复习。' },
    'term-summary': { covers: '2025-autumn', content: '学期工作总结。' },
    'class-plan': { covers: '2025-autumn', content: '班级学期计划。' },
    'class-meeting': classMeetingContent(roster),
    'committee-election': { heldOn: '2025-09-15', members: [{ studentNumber: first, post: '班长' }, { studentNumber: second, post: '学习委员' }] },
    'committee-meeting': { heldOn: '2025-10-20', agenda: '期中安排', attendees: [first, second], minutes: '分工明确。' },
    talk: { heldOn: '2025-10-10', students: [first], topic: '学习状态', notes: '谈话记录' },
    'parent-contact': { contactedOn: '2025-10-11', studentNumber: first, channel: 'phone', reason: 'routine', notes: '通报在校情况' },
    'dorm-inspection': { inspectedOn: '2025-10-12', rooms: ['3-201', '3-202'], hygiene: '整洁', absentStudents: [second], incidents: '一名同学晚归' },
    'class-check': { checkedOn: '2025-10-13', course: '高等数学', expected: 3, present: 2, absent: [second], late: [] },
    'lecture-observation': { observedOn: '2025-10-14', course: '大学英语', teacher: '王老师', notes: '课堂互动好' },
    'course-teacher-contact': { contactedOn: '2025-10-15', courseTeacherId: 't-math', channel: 'qq', notes: '了解作业完成情况' },
    'class-activity': { heldOn: '2025-10-18', plan: '秋游', expenses: 300, report: { writtenOn: '2025-10-19', text: '活动报告' } },
    'contact-list': { compiledOn: '2025-09-10', checkedOn: '2025-09-11', distributedOn: '2025-09-12' },
    'safety-incident': { occurredOn: '2025-10-20', students: [first], description: '运动中扭伤，已送医' },
    'exam-booking-followup': { examId: '2025-12-统考', contactedOn: '2025-11-20', students: [first], channel: 'sms' },
    'exam-notice-followup': { examId: '2025-12-统考', contactedOn: '2025-12-04', students: [second], channel: 'phone' },
    'unregistered-list': { covers: '2025-autumn', unpaid: [first], unregistered: [second] },
    registration: { covers: '2025-autumn', registeredOn: '2025-09-10', registered: 2 },
    'papers-archive': { covers: '2025-spring', archivedOn: '2025-09-03', notes: '试卷与成绩单已归档' },
    'makeup-exam': { heldOn: '2025-09-13', courses: ['大学英语B', '计算机应用基础'], examinees: 12 },
    'makeup-results': { reportedOn: '2025-09-18' },
    'academic-warning-run': { runOn: '2025-09-20', warned: 3 },
    'status-processing-list': { covers: '2025-autumn', students: [first] },
    'archive-handover': { handedOverOn: '2025-10-20', students: [first, second], receivedBy: '档案室李老师' },
  };
}
