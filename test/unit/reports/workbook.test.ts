/**
 * The term-end workbook read back by another reader (fflate + saxes over its XML, not
 * exceljs), its cells held to the figures worked out by hand in fixtures.ts.
 */
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeTermReportFigures, type TermReportInput } from '../../../domain/reports/index.js';
import { sheetNames, writeTermReportWorkbook } from '../../../functions/reports/term-report-workbook.js';
import { HAND_INPUT } from './fixtures.js';
import { all, one, readXlsx, serialOf, values, type Sheet } from './xlsx-reader.js';

async function workbookBytes(input: TermReportInput, language: 'zh' | 'en'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeTermReportWorkbook(computeTermReportFigures(input), { language }, out);
  return Buffer.concat(chunks);
}

/** Rates compared to six places: 2/3 is written as Excel keeps it, 0.6666666666666666. */
const rounded = (row: (string | number | null)[]) => row.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v));
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

function sheet(sheets: Sheet[], name: string): Sheet {
  const found = sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

describe('the Chinese workbook, read back without exceljs', () => {
  let sheets: Sheet[];
  beforeAll(async () => {
    ({ sheets } = readXlsx(await workbookBytes(HAND_INPUT, 'zh')));
  });

  it('has the sheets 汇总, 全部结果, 未达标, one per rule family, 督学统计表完整性 and 报告信息', () => {
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '全部结果', '未达标', '班主任', '辅导员', '学籍管理员', '督学统计表完整性', '报告信息']);
  });

  it('汇总: the total, each unit, class and staff member as counted by hand, rates as percentages', () => {
    const s = sheet(sheets, '汇总');
    const width = 11;
    expect(values(s, 1, width)).toEqual(['层级', '单位', '编号', '名称', '达标', '未达标', '待定', '不适用', '受阻', '合计', '达标率']);
    const expected = [
      ['合计', null, 'hongcheng', '弘成教育', 8, 5, 2, 2, 1, 18, r6(8 / 13)],
      ['单位', '杭州学习中心', 'hz', '杭州学习中心', 6, 3, 1, 2, 0, 12, r6(2 / 3)],
      ['单位', '宁波学习中心', 'nb', '宁波学习中心', 2, 2, 1, 0, 1, 6, 0.5],
      ['班级', '杭州学习中心', 'c1', '会计1班', 4, 2, 0, 0, 0, 6, r6(2 / 3)],
      ['班级', '杭州学习中心', 'c2', '会计2班', 1, 1, 1, 2, 0, 5, 0.5],
      ['班级', '宁波学习中心', 'c3', '电商1班', 2, 1, 1, 0, 0, 4, r6(2 / 3)],
      ['教职工', '杭州学习中心', 'co-li', '李老师', 1, 1, 1, 0, 0, 3, 0.5],
      ['教职工', '杭州学习中心', 'reg-zhao', '赵老师', 1, 0, 0, 0, 0, 1, 1],
      ['教职工', '杭州学习中心', 't-wang', '王老师', 4, 2, 0, 2, 0, 8, r6(2 / 3)],
      ['教职工', '宁波学习中心', 'co-sun', '孙老师', 1, 2, 0, 0, 0, 3, r6(1 / 3)],
      ['教职工', '宁波学习中心', 't-chen', '陈老师', 1, 0, 1, 0, 1, 3, 1],
    ];
    expected.forEach((row, i) => expect(rounded(values(s, i + 2, width)), `row ${i + 2}`).toEqual(row));
    const sheetRule = [...s.rows.keys()].find((r) => values(s, r, 3)[2] === 'CT-SUPERVISION-SHEET') ?? 0;
    expect(rounded(values(s, sheetRule, width))).toEqual(['规则', null, 'CT-SUPERVISION-SHEET', '《督学统计表》 / Supervision statistics sheet (督学统计表)', 2, 1, 0, 0, 0, 3, r6(2 / 3)]);
    expect(s.rows.size).toBe(1 + 1 + 2 + 3 + 5 + 14);
    expect(s.rows.get(2)?.[10]?.format).toBe('0.0%');
    expect(s.rows.get(2)?.[4]?.format).toBe('');
  });

  it('汇总: colours the rate column by a red–amber–green scale', () => {
    const cf = one(sheet(sheets, '汇总').xml, 'conditionalFormatting');
    expect(cf?.attributes['sqref']).toBe('K2:K26');
    expect(all(cf!, 'cfvo').map((v) => v.attributes['val'])).toEqual(['0', '0.8', '1']);
  });

  it('未达标: each miss with who, rule, period, dates as dates and what was missing', () => {
    const s = sheet(sheets, '未达标');
    const width = 15;
    expect(values(s, 1, width)).toEqual(['单位', '班级', '负责人', '负责人编号', '规则编号', '规则', '对象', '期间', '起', '止', '要求', '实际', '差额', '缺少名单', '说明']);
    const d = serialOf;
    expect([2, 3, 4, 5, 6].map((r) => values(s, r, width))).toEqual([
      ['杭州学习中心', '会计1班', '王老师', 't-wang', 'CT-EXAM-BOOKING', '预约考试最后2天电话/短信跟进', '会计1班', 'exam:E1', d('2025-11-19'), d('2025-11-20'), 5, 3, 2, 'c1-s04, c1-s05', null],
      ['杭州学习中心', '会计1班', '李老师', 'co-li', 'CO-PARENT-WARNING', '学院文件下达后1周内通报家长', 'c1-s01', 'status:w1', d('2025-11-03'), d('2025-11-10'), 1, 0, 1, null, null],
      ['杭州学习中心', '会计2班', '王老师', 't-wang', 'CT-SUPERVISION-SHEET', '《督学统计表》', '会计2班', '2025A', d('2025-09-01'), d('2026-01-25'), 1, 0, 1, null, null],
      ['宁波学习中心', null, '孙老师', 'co-sun', 'CO-TEACHING-LOAD', '每学期教学任务不超过54学时', '孙老师', '2025A', d('2025-09-01'), d('2026-01-18'), 54, 60, 6, null, null],
      ['宁波学习中心', '电商1班', '孙老师', 'co-sun', 'CO-MEETING', '班会每学期不少于4次', '电商1班', '2025A', d('2025-09-01'), d('2026-01-18'), 4, 2, 2, null, null],
    ]);
    expect(s.rows.size).toBe(6);
    expect(s.rows.get(2)?.[8]?.format).toBe('yyyy-mm-dd');
  });

  it('全部结果: every finding once, with its evidence count and ids; a rate measure shown as a percentage', () => {
    const s = sheet(sheets, '全部结果');
    expect(s.rows.size).toBe(1 + 18);
    const header = values(s, 1, 22);
    const col = (name: string) => header.indexOf(name);
    const meeting = [...s.rows.keys()].map((r) => values(s, r, 22)).find((v) => v[col('规则编号')] === 'CO-MEETING' && v[col('班级')] === '会计1班');
    expect(meeting?.[col('证据数')]).toBe(5);
    expect(meeting?.[col('证据编号')]).toBe('r-m1, r-m2, r-m3, r-m4, r-m5');
    const tuitionRow = [...s.rows.keys()].find((r) => values(s, r, 22)[col('规则编号')] === 'CO-TUITION') ?? 0;
    expect(s.rows.get(tuitionRow)?.[col('实际')]).toMatchObject({ value: 0.95, format: '0.0%' });
    const archive = [...s.rows.keys()].map((r) => values(s, r, 22)).find((v) => v[col('规则编号')] === 'CT-ARCHIVE');
    expect([archive?.[col('状态')], archive?.[col('尚需')], archive?.[col('剩余工作日')]]).toEqual(['待定', 20, 12]);
    // due by 2026-02-11 00:00 in Shanghai: a date-time cell, the serial of that midnight
    expect(archive?.[col('截止时间')]).toBe(serialOf('2026-02-11'));
  });

  it('the family sheets split 全部结果 by role: 11 class-teacher, 6 counselor, 1 registrar findings', () => {
    expect(['班主任', '辅导员', '学籍管理员'].map((n) => sheet(sheets, n).rows.size - 1)).toEqual([11, 6, 1]);
  });

  it('督学统计表完整性: submission and the checked rows per class', () => {
    const s = sheet(sheets, '督学统计表完整性');
    const width = 15;
    expect(values(s, 1, width)).toEqual(['单位', '班级编号', '班级', '班主任', '提交（完整）', '通讯录', '学籍档案整理', '毕业管理', '课程报考/预约考试', '考试通知', '达标项', '已判定项', '完整率', '结论', '完整']);
    expect([2, 3, 4].map((r) => rounded(values(s, r, width)))).toEqual([
      ['杭州学习中心', 'c1', '会计1班', '王老师', '达标', '达标', '—', '—', '未达标', '—', 2, 3, r6(2 / 3), '未达标', '否'],
      ['杭州学习中心', 'c2', '会计2班', '王老师', '未达标', '不适用', '—', '—', '—', '—', 0, 1, 0, '未达标', '否'],
      ['宁波学习中心', 'c3', '电商1班', '陈老师', '达标', '—', '待定', '—', '—', '—', 1, 1, 1, '待定', '否'],
    ]);
  });

  it('freezes the header row and puts a filter over every table', () => {
    for (const s of sheets) {
      const pane = one(s.xml, 'pane');
      expect(pane?.attributes, s.name).toMatchObject({ ySplit: '1', state: 'frozen', topLeftCell: 'A2' });
      expect(one(s.xml, 'autoFilter')?.attributes['ref'], s.name).toMatch(/^A1:[A-Z]+\d+$/);
    }
  });

  it('keeps the "as of" in the document properties and on 报告信息', () => {
    const s = sheet(sheets, '报告信息');
    const asOf = [...s.rows.values()].find((cells) => cells[0]?.value === '截至')?.[1];
    // 2026-01-26 09:00 in Shanghai: the serial of that day plus 9/24
    expect(asOf).toMatchObject({ format: 'yyyy-mm-dd hh:mm' });
    expect(asOf?.value).toBeCloseTo(serialOf('2026-01-26') + 9 / 24, 9);
  });
});

describe('the English workbook', () => {
  it('is a separate file with English sheet names, headers and statuses, the same figures', async () => {
    const { sheets, files } = readXlsx(await workbookBytes(HAND_INPUT, 'en'));
    expect(sheets.map((s) => s.name)).toEqual(['Summary', 'All findings', 'Missed', 'Class teacher', 'Counselor', 'Registrar', 'Supervision sheet', 'About']);
    expect(sheets.map((s) => s.name)).toEqual(sheetNames(computeTermReportFigures(HAND_INPUT), 'en'));
    const summary = sheet(sheets, 'Summary');
    expect(values(summary, 1, 11)).toEqual(['Level', 'Unit', 'Id', 'Name', 'met', 'missed', 'pending', 'not applicable', 'blocked', 'Total', 'Rate']);
    expect(rounded(values(summary, 2, 11))).toEqual(['Total', null, 'hongcheng', '弘成教育', 8, 5, 2, 2, 1, 18, r6(8 / 13)]);
    const missed = sheet(sheets, 'Missed');
    expect(values(missed, 2, 6)).toEqual(['杭州学习中心', '会计1班', '王老师', 't-wang', 'CT-EXAM-BOOKING', 'Unbooked students followed up (last 2 days)']);
    expect(values(sheet(sheets, 'Supervision sheet'), 2, 15).slice(4, 6)).toEqual(['met', 'met']);
    expect(files['docProps/core.xml']).toContain('<dc:language>en</dc:language>');
  });
});

describe('determinism', () => {
  /** DOS time and date of every central-directory entry (APPNOTE.TXT 4.3.12). */
  function entryTimes(zip: Buffer): string[] {
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let at = zip.readUInt32LE(eocd + 16);
    const times: string[] = [];
    for (let n = zip.readUInt16LE(eocd + 10); n > 0; n -= 1) {
      const time = zip.readUInt16LE(at + 12);
      const date = zip.readUInt16LE(at + 14);
      times.push(`${1980 + (date >> 9)}-${(date >> 5) & 15}-${date & 31} ${time >> 11}:${(time >> 5) & 63}:${(time & 31) * 2}`);
      at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return times;
  }

  it('writes the same bytes for the same figures, seconds apart and in another time zone', async () => {
    const first = await workbookBytes(HAND_INPUT, 'zh');
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // zip times count in 2-second steps
    const tz = process.env['TZ'];
    process.env['TZ'] = tz === 'America/New_York' ? 'Asia/Shanghai' : 'America/New_York';
    try {
      const second = await workbookBytes(HAND_INPUT, 'zh');
      expect(second.equals(first)).toBe(true);
    } finally {
      if (tz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = tz;
    }
  });

  it('stamps every zip entry and the document with the "as of", 2026-01-26 01:00 UTC', async () => {
    const bytes = await workbookBytes(HAND_INPUT, 'zh');
    const times = entryTimes(bytes);
    expect(times.length).toBeGreaterThan(10);
    expect(new Set(times)).toEqual(new Set(['2026-1-26 1:0:0']));
    const core = readXlsx(bytes).files['docProps/core.xml'] ?? '';
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-26T01:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-26T01:00:00Z</dcterms:modified>');
    expect(core).toContain('<cp:lastPrinted>2026-01-26T01:00:00Z</cp:lastPrinted>');
    expect(core).toContain('<dc:creator>Xuewu 学务</dc:creator>');
  });
});
