/**
 * The parts of a workbook read before its sheets: where the workbook part is, its sheets
 * (names, order, parts) and date system, which cell styles show dates, and the shared-
 * string table (held in memory: its size is bounded by the limits).
 */
import type { XlsxLimits } from './limits.js';
import { refusals } from './refusals.js';
import { isBuiltInDateFormat, isDateFormatCode } from './cell-values.js';
import { readXmlPart, scanXmlPart, withAttributes } from './xml-part.js';
import { bytesAre, localStart, utf16Units, xmlText, type XmlByteHandlers } from './xml-bytes.js';
import type { OpenedZip } from './zip.js';
import { SharedStringTable } from './shared-strings.js';

export interface SheetEntry {
  readonly name: string;
  readonly part: string;
}

export interface WorkbookStructure {
  readonly sheets: readonly SheetEntry[];
  readonly date1904: boolean;
  /** per cell style index (`s`): does it show a date? */
  readonly dateStyles: readonly boolean[];
  readonly sharedStrings: SharedStringTable;
}

const OFFICE_DOCUMENT = '/officeDocument';

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

async function readRelationships(zip: OpenedZip, relsPart: string): Promise<{ id: string; type: string; target: string }[]> {
  const found: { id: string; type: string; target: string }[] = [];
  await readXmlPart(zip, relsPart, withAttributes({
    open(local, a) {
      if (local === 'Relationship' && a['Id'] && a['Target']) found.push({ id: a['Id'], type: a['Type'] ?? '', target: a['Target'] });
    },
    close() {},
  }));
  return found;
}

async function findWorkbookPart(zip: OpenedZip): Promise<string> {
  if (zip.parts.has('_rels/.rels')) {
    const rels = await readRelationships(zip, '_rels/.rels');
    const office = rels.find((r) => r.type.endsWith(OFFICE_DOCUMENT));
    if (office) return resolveTarget('', office.target);
  }
  return 'xl/workbook.xml';
}

export async function readWorkbookStructure(zip: OpenedZip, limits: XlsxLimits): Promise<WorkbookStructure> {
  const workbookPart = await findWorkbookPart(zip);
  if (!zip.parts.has(workbookPart)) throw refusals.notAWorkbook(workbookPart);
  const declared: { name: string; rid: string }[] = [];
  let date1904 = false;
  await readXmlPart(zip, workbookPart, withAttributes({
    open(local, a) {
      if (local === 'workbookPr') date1904 = a['date1904'] === '1' || a['date1904'] === 'true';
      else if (local === 'sheet') {
        if (declared.length >= limits.maxSheets) throw refusals.tooManySheets(limits.maxSheets);
        const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
        if (a['name'] && rid) declared.push({ name: a['name'], rid });
      }
    },
    close() {},
  }));
  const relsPart = relsPartOf(workbookPart);
  if (!zip.parts.has(relsPart)) throw refusals.notAWorkbook(relsPart);
  const rels = await readRelationships(zip, relsPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  for (const d of declared) {
    const rel = byId.get(d.rid);
    // Chart sheets and dialog sheets have no cells: only worksheets are read.
    if (rel && rel.type.endsWith('/worksheet')) sheets.push({ name: d.name, part: resolveTarget(workbookPart, rel.target) });
  }
  if (sheets.length === 0) throw refusals.notAWorkbook('a worksheet');
  for (const s of sheets) if (!zip.parts.has(s.part)) throw refusals.notAWorkbook(s.part);
  const stylesRel = rels.find((r) => r.type.endsWith('/styles'));
  const stringsRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
  const dateStyles = stylesRel ? await readDateStyles(zip, resolveTarget(workbookPart, stylesRel.target)) : [];
  const sharedStrings = stringsRel ? await readSharedStrings(zip, resolveTarget(workbookPart, stringsRel.target), limits) : new SharedStringTable();
  return { sheets, date1904, dateStyles, sharedStrings };
}

async function readDateStyles(zip: OpenedZip, part: string): Promise<boolean[]> {
  if (!zip.parts.has(part)) return [];
  const customDates = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await readXmlPart(zip, part, withAttributes({
    open(local, a) {
      if (local === 'numFmt') customDates.set(Number(a['numFmtId']), isDateFormatCode(a['formatCode'] ?? ''));
      else if (local === 'cellXfs') inCellXfs = true;
      else if (local === 'xf' && inCellXfs) {
        const id = Number(a['numFmtId'] ?? 0);
        styles.push(customDates.get(id) ?? isBuiltInDateFormat(id));
      }
    },
    close(local) {
      if (local === 'cellXfs') inCellXfs = false;
    },
  }));
  return styles;
}

/**
 * `<si>` holds `<t>` directly or rich-text runs `<r><t>`; phonetic guides `<rPh><t>` are
 * not part of the text and are skipped. The texts' bytes go into the table as they lie in
 * the part (decoded first only where a reference such as `&amp;` stands in them).
 */
class SharedStringEvents implements XmlByteHandlers {
  readonly strings: SharedStringTable;
  private inItem = false;
  private inText = false;
  private phonetic = 0;
  /** UTF-16 units of the text being read, and of the texts so far (the limits count characters) */
  private units = 0;
  private totalUnits = 0;

  constructor(capacity: number, private readonly limits: XlsxLimits) {
    this.strings = new SharedStringTable(capacity);
  }

  open(bytes: Buffer, start: number, end: number): void {
    const from = localStart(bytes, start, end);
    if (bytesAre(bytes, from, end, 'si')) {
      this.inItem = true;
      this.units = 0;
      this.strings.beginText();
    } else if (bytesAre(bytes, from, end, 'rPh')) this.phonetic++;
    else if (bytesAre(bytes, from, end, 't') && this.phonetic === 0) this.inText = this.inItem;
  }
  attribute(bytes: Buffer, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    // the table's own count, judged before its strings are read
    if (bytesAre(bytes, nameStart, nameEnd, 'uniqueCount') && Number(xmlText(bytes, valueStart, valueEnd)) > this.limits.maxSharedStrings) {
      throw refusals.tooManySharedStrings(this.limits.maxSharedStrings);
    }
  }
  openEnd(): void {}
  text(bytes: Buffer, start: number, end: number, literal: boolean): void {
    if (!this.inText) return;
    // text as written may hold references to decode first; CDATA never does
    const units = utf16Units(bytes, start, end, !literal);
    if (units >= 0) {
      this.units += units;
      this.strings.appendBytes(bytes, start, end);
    } else {
      const text = xmlText(bytes, start, end);
      this.units += text.length;
      this.strings.appendText(text);
    }
    if (this.units > this.limits.maxStringLength) throw refusals.stringTooLong(this.limits.maxStringLength);
  }
  close(bytes: Buffer, start: number, end: number): void {
    const from = localStart(bytes, start, end);
    if (bytesAre(bytes, from, end, 't')) this.inText = false;
    else if (bytesAre(bytes, from, end, 'rPh')) this.phonetic--;
    else if (bytesAre(bytes, from, end, 'si')) {
      this.inItem = false;
      if (this.strings.size >= this.limits.maxSharedStrings) throw refusals.tooManySharedStrings(this.limits.maxSharedStrings);
      this.totalUnits += this.units;
      if (this.totalUnits > this.limits.maxSharedStringChars) throw refusals.sharedStringsTooLarge(this.limits.maxSharedStringChars);
      this.strings.endText();
    }
  }
}

async function readSharedStrings(zip: OpenedZip, part: string, limits: XlsxLimits): Promise<SharedStringTable> {
  const declared = zip.parts.get(part);
  if (!declared) return new SharedStringTable();
  const events = new SharedStringEvents(Math.max(1024, Math.min(declared.uncompressedSize, limits.maxSharedStringChars * 3)), limits);
  await scanXmlPart(zip, part, events);
  return events.strings;
}
