/**
 * The term-end report job (seed 000 §2.4): for a tenant and term, the findings as they
 * stand (for each finding its latest published revision up to the message's "as of"),
 * written for the tenant and for each unit as a Chinese and an English .xlsx and a JSON
 * twin in the reports bucket, each recorded in the table and announced on the bus as
 * `term-report.issued`, at least once: recorded unannounced, published, then marked.
 *
 * Beside the closed periods' findings it shows those of the periods still open at the
 * findings revision's as-of (kept by the run of that as-of), as pending with what remains
 * and by when; an open one whose period has a closed finding in the revision is left out.
 *
 * A report revision is keyed by the findings revision it was built from (the latest
 * as-of among those findings): a run that stored nothing new for the term finds the
 * report there already and writes nothing; one that closed a period still open at the
 * first report makes a new revision, the earlier one kept. Files are written to a
 * temporary folder first and uploaded from there, so neither the workbook nor the twin
 * (~70 MB for 1,000 classes) is ever held whole in memory.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { RULE_SET_VERSION } from '../../domain/compliance/index.js';
import {
  computeTermReportFigures,
  jsonTwinText,
  newestFirst,
  reportRevisionNumber,
  reportedFindings,
  reportScopes,
  sourceRevision,
  type IssuedReport,
  type ReportScope,
  type TermReportFigures,
  type TermReportInput,
} from '../../domain/reports/index.js';
import { latestPublished, type StoredFinding } from '../../domain/runs/index.js';
import type { Dependencies } from '../composition.js';
import { configurationAt, type TermReportMessage } from '../jobs/term-report-trigger.js';
import { logger } from '../observability.js';
import type { BucketClient } from '../storage/s3-client.js';
import { reportId, reportObjectKeys } from './report-keys.js';
import { writeTermReportWorkbook } from './term-report-workbook.js';

export const TERM_REPORT_ISSUED = 'term-report.issued';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The names the report shows: units, classes with their holders, staff, and which class each student is in. */
async function namesOf(dependencies: Dependencies, tenantId: string) {
  const units = await dependencies.roster.unitsOf(tenantId);
  const classes = (await Promise.all(units.map((unit) => dependencies.roster.classesOfUnit(tenantId, unit.unitId)))).flat();
  const staff = (await Promise.all(units.map((unit) => dependencies.roster.staffOfUnit(tenantId, unit.unitId)))).flat();
  const students = (await Promise.all(classes.map((c) => dependencies.roster.listStudents(tenantId, c.classId)))).flat();
  return {
    units: units.map((unit) => ({ id: unit.unitId, name: unit.name })),
    classes: classes.map((c) => ({
      id: c.classId,
      name: c.name,
      unitId: c.unitId,
      ...(c.classTeacherId !== undefined ? { classTeacherId: c.classTeacherId } : {}),
      ...(c.counselorId !== undefined ? { counselorId: c.counselorId } : {}),
      // The registrar answers for the class's REG-* findings (report-finding.ts).
      ...(c.registrarId !== undefined ? { registrarId: c.registrarId } : {}),
    })),
    staff: staff.map((member) => ({ id: member.userId, name: member.name, unitId: member.unitId })),
    students: students.map((student) => ({ id: student.studentNumber, classId: student.classId })),
  };
}

/** A file written through a stream, closed before it is read back. */
async function writeFile(path: string, write: (output: Writable) => Promise<void>): Promise<void> {
  const output = createWriteStream(path);
  const closed = new Promise<void>((resolve, reject) => {
    output.on('close', resolve);
    output.on('error', reject);
  });
  await write(output);
  if (!output.writableEnded) output.end();
  await closed;
}

async function upload(reports: BucketClient, key: string, path: string, contentType: string): Promise<void> {
  const { size } = await stat(path);
  await reports.client.send(new PutObjectCommand({ Bucket: reports.bucket, Key: key, Body: createReadStream(path), ContentLength: size, ContentType: contentType }));
}

/** Writes the scope's three files and uploads them. */
async function storeFiles(reports: BucketClient, figures: TermReportFigures, objects: IssuedReport['objects'], folder: string): Promise<void> {
  for (const language of ['zh', 'en'] as const) {
    const path = join(folder, `${language}.xlsx`);
    await writeFile(path, (output) => writeTermReportWorkbook(figures, { language }, output));
    await upload(reports, objects.xlsx[language], path, XLSX);
  }
  const path = join(folder, 'twin.json');
  await writeFile(path, (output) => pipeline(Readable.from(jsonTwinText(figures)), output));
  await upload(reports, objects.json, path, 'application/json; charset=utf-8');
}

/**
 * Issues the term's report for the findings as they stand by `message.asOf`, unless the
 * report of that findings revision exists already. Answers the reports recorded now.
 */
export async function issueTermReports(dependencies: Dependencies, reports: BucketClient, message: TermReportMessage): Promise<IssuedReport[]> {
  const { tenantId, termId } = message;
  const [tenant, stored] = await Promise.all([dependencies.roster.getTenant(tenantId), configurationAt(dependencies, tenantId, message.configurationRevision)]);
  const term = stored?.configuration.terms.find((t) => t.id === termId);
  if (tenant === undefined || stored === undefined || term === undefined) {
    logger.warn('term report: no such tenant or term', { tenantId, termId });
    return [];
  }
  const published = new Set([...(await dependencies.runs.publishedRevisions(tenantId, termId))].filter((asOf) => asOf <= message.asOf));
  const names = await namesOf(dependencies, tenantId);
  const storedFindings = (await Promise.all(names.units.map((unit) => dependencies.runs.findingsOfUnit(tenantId, termId, unit.id)))).flat();
  const closed: StoredFinding[] = latestPublished(storedFindings, published);
  const asOf = sourceRevision(closed);
  if (asOf === undefined) {
    logger.info('term report: no published findings yet', { tenantId, termId });
    return [];
  }
  // The source revision is published (it is the as-of of a published finding): its open findings are visible with it.
  const open = (await Promise.all(names.units.map((unit) => dependencies.runs.openFindingsOfUnit(tenantId, termId, unit.id, asOf)))).flat();
  const findings = reportedFindings(closed, open);
  const earlier = await dependencies.reports.ofTerm(tenantId, termId);
  const done = new Set(earlier.filter((report) => report.asOf === asOf).map((report) => report.reportId));
  const revision = reportRevisionNumber(earlier.map((report) => report.asOf), asOf);
  const scopes = reportScopes(names.units.map((unit) => unit.id)).filter((scope) => !done.has(reportId(tenantId, termId, asOf, scope)));

  const issued: IssuedReport[] = [];
  if (scopes.length > 0) {
    const folder = await mkdtemp(join(tmpdir(), 'term-report-'));
    try {
      for (const scope of scopes) {
        const input: TermReportInput = {
          tenant: { id: tenantId, name: tenant.name },
          scope,
          term: { id: term.id, start: term.start, end: term.end },
          asOf,
          ruleSetVersion: RULE_SET_VERSION,
          configRevision: String(stored.revision),
          revision,
          findings,
          ...names,
        };
        const figures = computeTermReportFigures(input);
        const report = issuedReport(tenantId, termId, asOf, scope, revision, figures, dependencies.clock.now().toISOString());
        await storeFiles(reports, figures, report.objects, folder);
        if (await dependencies.reports.record(report)) issued.push(report);
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    logger.info('term report issued', { tenantId, termId, asOf, revision, scopes: issued.length });
  }
  await announce(dependencies, tenantId, termId, issued);
  return issued;
}

/**
 * Puts `term-report.issued` on the bus for every report of the term not announced yet
 * (those recorded now, and any whose announcement a stopped attempt lost), one event per
 * findings revision, then marks each announced. At least once: a delivery that stops
 * between publishing and marking publishes again; consumers tell repeats by `reportId`.
 */
async function announce(dependencies: Dependencies, tenantId: string, termId: string, recordedNow: readonly IssuedReport[]): Promise<void> {
  const pending = new Map(recordedNow.map((report) => [report.reportId, report]));
  for (const report of await dependencies.reports.unannouncedOfTerm(tenantId, termId)) pending.set(report.reportId, report);
  const byRevision = new Map<string, IssuedReport[]>();
  for (const report of pending.values()) byRevision.set(report.asOf, [...(byRevision.get(report.asOf) ?? []), report]);
  for (const [asOf, unordered] of [...byRevision].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const group = newestFirst(unordered);
    await dependencies.messaging.events.publish(TERM_REPORT_ISSUED, {
      tenantId,
      termId,
      asOf,
      revision: group[0]!.revision,
      reports: group.map((report) => ({ reportId: report.reportId, scope: report.scope, counts: report.counts })),
    });
    for (const report of group) await dependencies.reports.markAnnounced(tenantId, report.reportId);
    logger.info('term report announced', { tenantId, termId, asOf, scopes: group.length });
  }
}

function issuedReport(tenantId: string, termId: string, asOf: string, scope: ReportScope, revision: number, figures: TermReportFigures, issuedAt: string): IssuedReport {
  return {
    tenantId,
    termId,
    reportId: reportId(tenantId, termId, asOf, scope),
    scope,
    revision,
    asOf,
    issuedAt,
    objects: reportObjectKeys(tenantId, termId, asOf, scope),
    counts: figures.totals,
  };
}
