/**
 * Who may do what. Every access decision of the API is made here, once, so that the
 * routes cannot disagree about a role.
 */
import { bilingual } from './bilingual.js';
import type { SchoolClass } from './organisation.js';
import type { ReportScope } from './reports/input.js';

export const roles = [
  'tenant-admin',
  'center-director',
  'class-teacher',
  'counselor',
  'registrar',
  'supervisor',
  'admissions',
  'academic-affairs',
  'teaching',
  'finance',
  'archives',
  'course-teacher',
] as const;
export type Role = (typeof roles)[number];

/** The authenticated caller, as the identity provider vouches for them. */
export interface Principal {
  readonly userId: string;
  readonly tenantId: string;
  /** The unit the staff member belongs to, when they belong to one. */
  readonly unitId?: string;
  readonly roles: readonly Role[];
}

/** A refusal's `reason` is in English and Chinese (`bilingual`): the 403 answers in the caller's language. */
export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const allow: Decision = { allowed: true };
const deny = (en: string, zh: string): Decision => ({ allowed: false, reason: bilingual(en, zh) });

/** Nobody acts on another tenant's data, whatever their role. */
export function canActInTenant(principal: Principal, tenantId: string): Decision {
  return principal.tenantId === tenantId ? allow : deny('the caller belongs to another tenant', '您属于另一个机构');
}

function directsUnitOf(principal: Principal, unitId: string): boolean {
  return principal.roles.includes('center-director') && principal.unitId === unitId;
}

function servesClass(principal: Principal, schoolClass: SchoolClass): boolean {
  return (
    (principal.roles.includes('class-teacher') && schoolClass.classTeacherId === principal.userId) ||
    (principal.roles.includes('counselor') && schoolClass.counselorId === principal.userId)
  );
}

/** The registrar assigned to the class (学籍管理员): reads it and keeps its student status work. */
function keepsRegistrationOf(principal: Principal, schoolClass: SchoolClass): boolean {
  return principal.roles.includes('registrar') && schoolClass.registrarId === principal.userId;
}

/** Creating units is the tenant administrator's work. */
export function canCreateUnit(principal: Principal): Decision {
  return principal.roles.includes('tenant-admin') ? allow : deny('only a tenant admin creates units', '只有机构管理员可以创建单位');
}

/** A tenant admin sets up any class; a center director the classes of their own unit. */
export function canCreateClass(principal: Principal, unitId: string): Decision {
  if (principal.roles.includes('tenant-admin') || directsUnitOf(principal, unitId)) return allow;
  return deny('only a tenant admin or the director of the unit creates its classes', '只有机构管理员或本单位负责人可以创建本单位的班级');
}

/** The class's own staff (its registrar too), its unit's director, the tenant admin and supervisors read a class. */
export function canReadClass(principal: Principal, schoolClass: SchoolClass): Decision {
  if (
    principal.roles.includes('tenant-admin') ||
    principal.roles.includes('supervisor') ||
    directsUnitOf(principal, schoolClass.unitId) ||
    servesClass(principal, schoolClass) ||
    keepsRegistrationOf(principal, schoolClass)
  ) {
    return allow;
  }
  return deny('the caller neither serves this class nor oversees its unit', '您既不是该班的班主任或辅导员，也不负责该班所属的单位');
}

/**
 * Records of a class are written by the class teacher or counselor assigned to it, or
 * by the director of its unit; supervisors and admins read but do not write them.
 */
export function canWriteClassRecord(principal: Principal, schoolClass: SchoolClass): Decision {
  if (directsUnitOf(principal, schoolClass.unitId) || servesClass(principal, schoolClass)) return allow;
  return deny('only the staff assigned to this class or its unit director write its records', '只有该班的班主任、辅导员或本单位负责人可以填写该班的记录');
}

export const canReadClassRecords = canReadClass;

/** The tenant's terms, calendar and thresholds are set by its administrator. */
export function canConfigureTenant(principal: Principal): Decision {
  return principal.roles.includes('tenant-admin') ? allow : deny('only a tenant admin changes the configuration', '只有机构管理员可以修改配置');
}

/** Where a staff member works, for deciding which director oversees them. */
export interface StaffPlacement {
  /** The unit the staff directory records them in (`PUT /staff/{userId}`), if it does. */
  readonly unitId?: string;
  /** The units of the classes they serve as class teacher or counselor. */
  readonly classUnitIds: readonly string[];
}

function seesEveryStanding(principal: Principal, userId: string): boolean {
  return principal.userId === userId || principal.roles.includes('tenant-admin') || principal.roles.includes('supervisor');
}

/**
 * A staff member sees their own standing; admins and supervisors see anyone's; a unit's
 * director (the center head, who checks the class teachers: seed 000 §2.2, §2.4) that of a
 * staff member the directory records in the unit or who serves one of its classes.
 */
export function canViewStaffStanding(principal: Principal, userId: string, placement: StaffPlacement): Decision {
  if (seesEveryStanding(principal, userId)) return allow;
  if (placement.unitId !== undefined && directsUnitOf(principal, placement.unitId)) return allow;
  if (placement.classUnitIds.some((unitId) => directsUnitOf(principal, unitId))) return allow;
  return deny(
    "only the staff member, the director of a unit they belong to or serve a class of, a tenant admin or a supervisor sees a staff member's standing",
    '只有教职工本人、其所在单位或所带班级所属单位的负责人、机构管理员或督导可以查看其工作完成情况',
  );
}

/**
 * Which served classes a staff member's standing shows the caller: every one to the staff
 * member, admins and supervisors; to a unit's director only the unit's own classes (a
 * staff member the directory has not placed may serve classes of several units).
 */
export function standingShowsClass(principal: Principal, userId: string, schoolClass: SchoolClass): boolean {
  return seesEveryStanding(principal, userId) || directsUnitOf(principal, schoolClass.unitId);
}

/** Who a record belongs to: its class when it has one, otherwise its author and the author's unit. */
export interface RecordOwnership {
  readonly authorId: string;
  readonly schoolClass?: SchoolClass;
  /** For a staff member's own document: the unit the author belonged to when submitting it. */
  readonly unitId?: string;
}

/**
 * Class records are written by the class's staff or its unit's director; a staff
 * member's own documents (plans, reports, lecture observations) by class teachers and
 * counselors themselves.
 */
export function canSubmitRecord(principal: Principal, scope: 'class' | 'staff', schoolClass: SchoolClass | undefined, author?: 'registrar'): Decision {
  if (author === 'registrar') return canSubmitRegistrarRecord(principal, scope, schoolClass);
  if (scope === 'class') {
    return schoolClass === undefined ? deny('a class record names its class', '班级记录须指明所属班级') : canWriteClassRecord(principal, schoolClass);
  }
  if (!principal.roles.includes('class-teacher') && !principal.roles.includes('counselor')) {
    return deny('only class teachers and counselors submit their own plans and reports', '只有班主任和辅导员可以提交本人的计划和报告');
  }
  // A personal document may name a class, but only one its author serves.
  return schoolClass === undefined || servesClass(principal, schoolClass) ? allow : deny('a document names only a class its author serves', '个人文档只能指明作者本人所带的班级');
}

/** A staff member's own documents (plans, reports, summaries) go to their unit's director too. */
export function canReadRecord(principal: Principal, record: RecordOwnership): Decision {
  if (record.authorId === principal.userId) return allow;
  if (record.schoolClass !== undefined) return canReadClass(principal, record.schoolClass);
  if (principal.roles.includes('tenant-admin') || principal.roles.includes('supervisor')) return allow;
  if (record.unitId !== undefined && directsUnitOf(principal, record.unitId)) return allow;
  return deny(
    "only its author, their unit's director, a tenant admin or a supervisor reads a staff member's own document",
    '教职工本人的文档只有作者本人、其所在单位负责人、机构管理员或督导可以查看',
  );
}

/** Corrections and withdrawals: the author, or whoever may write the class's records. */
export function canChangeRecord(principal: Principal, record: RecordOwnership): Decision {
  if (record.authorId === principal.userId) return allow;
  if (record.schoolClass !== undefined) return canWriteClassRecord(principal, record.schoolClass);
  return deny("only its author changes a staff member's own document", '教职工本人的文档只有作者本人可以修改');
}

/**
 * Private fields (talk notes, incident descriptions; DOMAIN.md §7) are seen by those
 * whose work needs them: the author and the staff serving the class. Everyone else
 * reads the record with those fields masked.
 */
export function canSeePrivateFields(principal: Principal, record: RecordOwnership): boolean {
  return record.authorId === principal.userId || (record.schoolClass !== undefined && servesClass(principal, record.schoolClass));
}

/** A student's record: whoever reads the class, and the registrar who keeps registrations (学籍). */
export function canReadStudent(principal: Principal, schoolClass: SchoolClass): Decision {
  if (principal.roles.includes('registrar')) return allow;
  return canReadClass(principal, schoolClass);
}

/** Bringing in past terms from another system is the tenant admin's work, and audited. */
export function canImportHistory(principal: Principal): Decision {
  return principal.roles.includes('tenant-admin') ? allow : deny('only a tenant admin imports past records', '只有机构管理员可以导入历史记录');
}

/** The center head (the director of the class's unit) approves and publishes activity reports. */
export function canApproveActivity(principal: Principal, schoolClass: SchoolClass): Decision {
  return directsUnitOf(principal, schoolClass.unitId) ? allow : deny('only the director of the class’s unit approves and publishes its activity reports', '只有该班所属单位的负责人可以审核和发布其活动报告');
}

/** The staff directory of a unit is kept by the tenant admin, or the unit's own director. */
export function canRecordStaff(principal: Principal, unitId: string): Decision {
  if (principal.roles.includes('tenant-admin') || directsUnitOf(principal, unitId)) return allow;
  return deny("only a tenant admin or the unit's director records its staff", '只有机构管理员或本单位负责人可以登记本单位的教职工');
}

/** A staff member's entry: themselves, their unit's director, admins and supervisors. */
export function canReadStaff(principal: Principal, userId: string, unitId: string): Decision {
  if (
    principal.userId === userId ||
    principal.roles.includes('tenant-admin') ||
    principal.roles.includes('supervisor') ||
    directsUnitOf(principal, unitId)
  ) {
    return allow;
  }
  return deny("only the staff member, their unit's director, a tenant admin or a supervisor reads this entry", '只有教职工本人、其所在单位负责人、机构管理员或督导可以查看此登记');
}

/** Compliance runs are started by the tenant admin (on demand); supervisors and admins follow them. */
export function canStartRun(principal: Principal): Decision {
  return principal.roles.includes('tenant-admin') ? allow : deny('only a tenant admin starts a compliance run', '只有机构管理员可以发起合规检查');
}

export function canReadRuns(principal: Principal): Decision {
  if (principal.roles.includes('tenant-admin') || principal.roles.includes('supervisor')) return allow;
  return deny('only a tenant admin or a supervisor reads compliance runs', '只有机构管理员或督导可以查看合规检查');
}

/** What a stored finding says about whom it concerns, for deciding who sees it. */
export interface FindingScope {
  readonly unitId: string;
  readonly classId?: string;
  /** The staff who answer for it (the staff subject, or the holder of the rule's role in the class). */
  readonly staffIds: readonly string[];
  readonly family: 'class-teacher' | 'counselor' | 'registrar';
}

/**
 * Who sees a finding of a closed period: the supervisor and the tenant admin every one; a
 * unit's director every finding of the unit's classes and staff (seed 000 §2.4: the center
 * head checks the class teachers); a staff member their own findings and those of the
 * classes they serve (`servedClassIds`); a registrar the REG-* findings of their unit's
 * classes. Nobody another tenant's (canActInTenant, before anything is read).
 */
export function canViewFinding(principal: Principal, finding: FindingScope, servedClassIds: ReadonlySet<string>): boolean {
  if (principal.roles.includes('tenant-admin') || principal.roles.includes('supervisor')) return true;
  if (directsUnitOf(principal, finding.unitId)) return true;
  if (finding.staffIds.includes(principal.userId)) return true;
  if (finding.classId !== undefined && servedClassIds.has(finding.classId) && finding.family !== 'registrar') return true;
  return finding.family === 'registrar' && principal.roles.includes('registrar') && principal.unitId === finding.unitId;
}

/** A finding's at-risk students (under warning, processing or sanction) are named only to those who serve the class. */
export function canSeeAtRiskStudents(principal: Principal, finding: FindingScope, servedClassIds: ReadonlySet<string>): boolean {
  return finding.classId !== undefined && servedClassIds.has(finding.classId);
}

/** A registrar of the class: the one assigned to it, or any registrar of its unit (who keeps its student status work). */
function registrarFor(principal: Principal, schoolClass: SchoolClass): boolean {
  return keepsRegistrationOf(principal, schoolClass) || (principal.roles.includes('registrar') && principal.unitId === schoolClass.unitId);
}

/**
 * At-risk statuses (学籍预警, 学籍处理, 纪律处分): warnings and status processing are the
 * registrar's to record (seed 003 学籍管理员日常工作 4), sanctions the unit director's.
 */
export function canRecordStatus(principal: Principal, kind: 'academic-warning' | 'status-processing' | 'sanction', schoolClass: SchoolClass): Decision {
  if (kind === 'sanction') {
    return directsUnitOf(principal, schoolClass.unitId) ? allow : deny('only the director of the student’s unit records a disciplinary sanction', '只有学生所在单位的负责人可以登记纪律处分');
  }
  return registrarFor(principal, schoolClass) ? allow : deny('only a registrar of the student’s unit records academic warnings and status processing', '只有学生所在单位的学籍管理员可以登记学籍预警和学籍处理');
}

/** Whether the caller may record statuses at all (before any student is looked up): 403 early for everyone else. */
export function mayRecordStatuses(principal: Principal): Decision {
  return principal.roles.includes('registrar') || principal.roles.includes('center-director')
    ? allow
    : deny('only registrars and unit directors record at-risk statuses', '只有学籍管理员和单位负责人可以登记学籍预警、处理和处分');
}

/**
 * A student's at-risk statuses are private (DOMAIN.md §7: grades, sanctions): the class's
 * teacher, counselor and registrar, registrars and the director of its unit, and the tenant admin.
 */
export function canReadStatuses(principal: Principal, schoolClass: SchoolClass): Decision {
  if (principal.roles.includes('tenant-admin') || directsUnitOf(principal, schoolClass.unitId) || servesClass(principal, schoolClass) || registrarFor(principal, schoolClass)) return allow;
  return deny('only the class’s staff, its registrars, its unit’s director or a tenant admin read at-risk statuses', '只有该班的班主任、辅导员、学籍管理员、所在单位负责人或机构管理员可以查看学籍预警、处理和处分');
}

/** Finance of the class's unit, or of the whole tenant (no unit): tuition figures come from finance (seed 002 二(八)). */
function financeFor(principal: Principal, schoolClass: SchoolClass): boolean {
  return principal.roles.includes('finance') && (principal.unitId === undefined || principal.unitId === schoolClass.unitId);
}

/** Tuition billed and paid per student is finance's to set. */
export function canRecordTuition(principal: Principal, schoolClass: SchoolClass): Decision {
  return financeFor(principal, schoolClass) ? allow : deny('only finance of the class’s unit sets its tuition figures', '只有该班所属单位的财务人员可以登记学费数据');
}

/** Family finances are private (DOMAIN.md §7): finance, the class's staff and registrars, its unit's director and the tenant admin read tuition. */
export function canReadTuition(principal: Principal, schoolClass: SchoolClass): Decision {
  if (financeFor(principal, schoolClass) || canReadStatuses(principal, schoolClass).allowed) return allow;
  return deny('only finance, the class’s staff, its registrars, its unit’s director or a tenant admin read its tuition', '只有财务人员、该班的班主任、辅导员、学籍管理员、所在单位负责人或机构管理员可以查看学费数据');
}

/** A class's graduation is set by the tenant admin, its unit's director or a registrar of its unit (毕业管理). */
export function canRecordGraduation(principal: Principal, schoolClass: SchoolClass): Decision {
  if (principal.roles.includes('tenant-admin') || directsUnitOf(principal, schoolClass.unitId) || registrarFor(principal, schoolClass)) return allow;
  return deny('only a tenant admin, the unit’s director or a registrar of the unit sets a class’s graduation', '只有机构管理员、本单位负责人或本单位学籍管理员可以登记班级毕业信息');
}

/** Exam sessions (booking window, exam day, who has not booked or confirmed) come from academic affairs or the registrars of the class's unit. */
export function canRecordExamSession(principal: Principal, schoolClass: SchoolClass): Decision {
  const academicAffairs = principal.roles.includes('academic-affairs') && (principal.unitId === undefined || principal.unitId === schoolClass.unitId);
  if (academicAffairs || registrarFor(principal, schoolClass)) return allow;
  return deny('only academic affairs or a registrar of the class’s unit records its exam sessions', '只有教务人员或该班所属单位的学籍管理员可以登记考试安排');
}

/**
 * A staff member's term figures: teaching hours by the director of their unit or academic
 * affairs; referral and continuation targets and results by the director or admissions.
 */
export function canRecordStaffFigures(principal: Principal, figure: 'teaching-hours' | 'recruitment', unitId: string): Decision {
  const office = figure === 'teaching-hours' ? 'academic-affairs' : 'admissions';
  if (directsUnitOf(principal, unitId) || (principal.roles.includes(office) && (principal.unitId === undefined || principal.unitId === unitId))) return allow;
  return figure === 'teaching-hours'
    ? deny('only the director of the staff member’s unit or academic affairs records teaching hours', '只有教职工所在单位的负责人或教务人员可以登记教学学时')
    : deny('only the director of the staff member’s unit or admissions records recruitment targets and results', '只有教职工所在单位的负责人或招生人员可以登记老带新和续读指标及完成情况');
}

/**
 * The registrar's own records (registration, papers archived, make-up exams, their results,
 * warning runs): registrars submit them; one belonging to a class, only a registrar of it.
 */
function canSubmitRegistrarRecord(principal: Principal, scope: 'class' | 'staff', schoolClass: SchoolClass | undefined): Decision {
  if (!principal.roles.includes('registrar')) return deny('only registrars submit the registrar’s records', '只有学籍管理员可以提交学籍管理员的工作记录');
  if (scope === 'staff' || (schoolClass !== undefined && registrarFor(principal, schoolClass))) return allow;
  return deny('a registrar submits a class’s registration only for a class of their unit', '学籍管理员只能为本单位的班级提交注册记录');
}

/**
 * Term-end reports (seed 000 §2.4: headquarters checks one week after term end): the tenant
 * admin and the supervisor read every report; a unit's director reads the unit's report
 * only, never the tenant-wide one (it shows every other unit). Nobody else lists them.
 */
export function mayReadReports(principal: Principal): Decision {
  if (principal.roles.includes('tenant-admin') || principal.roles.includes('supervisor') || principal.roles.includes('center-director')) return allow;
  return deny('only a tenant admin, a supervisor or a unit’s director reads term-end reports', '只有机构管理员、督导或单位负责人可以查看期末报告');
}

export function canReadReport(principal: Principal, scope: ReportScope): Decision {
  if (principal.roles.includes('tenant-admin') || principal.roles.includes('supervisor')) return allow;
  if (scope.kind === 'unit' && directsUnitOf(principal, scope.unitId)) return allow;
  return scope.kind === 'tenant'
    ? deny('only a tenant admin or a supervisor reads the tenant-wide report', '只有机构管理员或督导可以查看全机构的期末报告')
    : deny('a unit’s director reads only their own unit’s report', '单位负责人只能查看本单位的期末报告');
}

/** Who uploads a file of each purpose for a class (issue #12). */
export type UploadAuthority = 'class-staff' | 'class-teacher' | 'registry';

/**
 * Uploads for a class's students (forms, photos, evidence, the withdrawal list): its class
 * teacher or counselor, or a registrar of the class (its own, or one of its unit). The 督学统计表: its class teacher (seed 000 §2.4).
 * The exemption and information-change tables: a registrar of the class's unit or its
 * director (seed 003 一, 五: 教学点主管领导和经手人签字).
 */
export function canUpload(principal: Principal, authority: UploadAuthority, schoolClass: SchoolClass): Decision {
  if (authority === 'class-teacher') {
    return principal.roles.includes('class-teacher') && schoolClass.classTeacherId === principal.userId
      ? allow
      : deny('only the class’s class teacher uploads its supervision sheet', '只有该班班主任可以上传督学统计表');
  }
  if (authority === 'registry') {
    return registrarFor(principal, schoolClass) || directsUnitOf(principal, schoolClass.unitId)
      ? allow
      : deny('only a registrar of the class’s unit or its director uploads this table', '只有该班所属单位的学籍管理员或负责人可以上传此表');
  }
  return servesClass(principal, schoolClass) || registrarFor(principal, schoolClass)
    ? allow
    : deny('only the class’s class teacher, counselor or registrar uploads for its students', '只有该班的班主任、辅导员或学籍管理员可以为该班学生上传文件');
}

/** An upload's result and copies: the uploader, the class's staff and registrars, its unit's director and the tenant admin. */
export function canReadUpload(principal: Principal, uploaderId: string, schoolClass: SchoolClass): Decision {
  if (principal.userId === uploaderId || principal.roles.includes('tenant-admin') || directsUnitOf(principal, schoolClass.unitId) || servesClass(principal, schoolClass) || registrarFor(principal, schoolClass)) {
    return allow;
  }
  return deny('only the uploader, the class’s staff, its registrars, its unit’s director or a tenant admin read its uploads', '只有上传者、该班的班主任、辅导员、学籍管理员、所在单位负责人或机构管理员可以查看该班的上传文件');
}

/**
 * The registry's tables uploaded for a whole unit, and the unit-wide information-change
 * batch (seed 003 五: one 学生基本信息修改情况统计表 per 教学点, signed by its 主管领导 and
 * 经手人): a registrar of the unit or its director, as for the table uploaded for one of its classes.
 */
export function canUploadForUnit(principal: Principal, unitId: string): Decision {
  return (principal.roles.includes('registrar') && principal.unitId === unitId) || directsUnitOf(principal, unitId)
    ? allow
    : deny('only a registrar of the unit or its director uploads its tables and declares its batches', '只有本单位的学籍管理员或负责人可以上传本单位的表格、申报本单位的批次');
}

/** A unit's uploads and batches (no class of their own): the uploader or declarer, the unit's registrars and director, the tenant admin. */
export function canReadUnitUploads(principal: Principal, uploaderId: string, unitId: string): Decision {
  if (principal.userId === uploaderId || principal.roles.includes('tenant-admin') || directsUnitOf(principal, unitId) || (principal.roles.includes('registrar') && principal.unitId === unitId)) return allow;
  return deny('only the uploader, the unit’s registrars, its director or a tenant admin read the unit’s uploads', '只有上传者、本单位的学籍管理员、负责人或机构管理员可以查看本单位的上传文件');
}

/**
 * Programmes, their courses and what each site offers follow the programme rules (专业规则) the
 * registrar registers courses by (seed 003 电大学籍管理工作流程 四): the tenant admin and registrars keep them.
 */
export function canKeepProgrammes(principal: Principal): Decision {
  return principal.roles.includes('tenant-admin') || principal.roles.includes('registrar') ? allow : deny('only a tenant admin or a registrar keeps programmes and courses', '只有机构管理员或学籍管理员可以维护专业和课程');
}

/** A student's major and grade: the tenant admin, or a registrar of the student's unit (学籍注册). */
export function canEnrolStudent(principal: Principal, schoolClass: SchoolClass): Decision {
  return principal.roles.includes('tenant-admin') || registrarFor(principal, schoolClass) ? allow : deny('only a tenant admin or a registrar of the student’s unit sets a student’s major', '只有机构管理员或学生所在单位的学籍管理员可以登记学生的专业');
}

/** Results are entered by a course teacher (任课教师) of the class in that term, or a registrar of its unit (seed 003 成绩录入). */
export function canEnterResult(principal: Principal, schoolClass: SchoolClass, teachesClassInTerm: boolean): Decision {
  if (registrarFor(principal, schoolClass) || (principal.roles.includes('course-teacher') && teachesClassInTerm)) return allow;
  return deny('only a course teacher of the class in that term or a registrar of its unit enters its results', '只有该学期该班的任课教师或本单位学籍管理员可以录入成绩');
}

/** Bulk imports from the 教务系统 and the warning run are the registrar's (seed 003 学籍管理员日常工作 3–4). */
export function mayKeepResults(principal: Principal): Decision {
  return principal.roles.includes('registrar') ? allow : deny('only registrars import results and run the academic warning', '只有学籍管理员可以导入成绩和进行学籍预警');
}

/** Corrections (成绩更正) are decided by a registrar of the student's unit, never on their own request. */
export function canDecideCorrection(principal: Principal, schoolClass: SchoolClass, requesterId: string): Decision {
  if (registrarFor(principal, schoolClass) && principal.userId !== requesterId) return allow;
  return deny('only a registrar of the student’s unit, other than the one who asked, decides a correction', '只有学生所在单位的学籍管理员（申请人本人除外）可以审核成绩更正');
}

/** The warning run of a unit: its registrars. */
export function canRunWarnings(principal: Principal, unitId: string): Decision {
  return principal.roles.includes('registrar') && principal.unitId === unitId ? allow : deny('only a registrar of the unit runs its academic warning', '只有本单位的学籍管理员可以进行本单位的学籍预警');
}

/** A student's results (the transcript): whoever reads the student, and the class's course teachers; the grades themselves as `gradeTermsSeen` says. */
export function canReadResults(principal: Principal, schoolClass: SchoolClass, teachesClass: boolean): Decision {
  if (canReadStudent(principal, schoolClass).allowed || (principal.roles.includes('course-teacher') && teachesClass)) return allow;
  return deny('only the class’s readers, registrars and its course teachers read a student’s results', '只有可查看该班的人员、学籍管理员和该班任课教师可以查看学生成绩');
}


/** A unit's kept warning lists name students and their failed courses: its registrars, its director and the tenant admin. */
export function canReadWarningRuns(principal: Principal, unitId: string): Decision {
  if (principal.roles.includes('tenant-admin') || directsUnitOf(principal, unitId) || (principal.roles.includes('registrar') && principal.unitId === unitId)) return allow;
  return deny('only the unit’s registrars, its director or a tenant admin read its warning lists', '只有本单位的学籍管理员、单位负责人或机构管理员可以查看学籍预警名单');
}

/**
 * Which terms' grades a reader sees by their work (DOMAIN.md §7): a registrar of the unit
 * every term's; a course teacher only the terms they teach the class (`taughtTerms`), not
 * the class's other terms. Everyone else none, unless a grant reveals them.
 */
export function gradeTermsSeen(principal: Principal, schoolClass: SchoolClass, taughtTerms: readonly string[]): { readonly everyTerm: boolean; readonly terms: ReadonlySet<string> } {
  if (registrarFor(principal, schoolClass)) return { everyTerm: true, terms: new Set() };
  return { everyTerm: false, terms: new Set(principal.roles.includes('course-teacher') ? taughtTerms : []) };
}

/** An export of a transcript is collected by who asked for it, while they may still read the student's results. */
export function canCollectTranscriptExport(principal: Principal, requestedBy: string, readsResultsNow: boolean): Decision {
  if (principal.userId === requestedBy && readsResultsNow) return allow;
  return deny('only who asked for the export, while they may still read the student’s results, collects it', '只有申请导出者本人、且仍可查看该学生成绩时，才能下载该成绩单');
}

/** Bulk enrolment in majors: the tenant admin, or registrars (each row's student of their unit, `canEnrolStudent`). */
export function canImportEnrolments(principal: Principal): Decision {
  return principal.roles.includes('tenant-admin') || principal.roles.includes('registrar') ? allow : deny('only a tenant admin or a registrar imports students’ majors', '只有机构管理员或学籍管理员可以批量登记学生专业');
}
