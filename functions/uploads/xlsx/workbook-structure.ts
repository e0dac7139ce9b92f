/**
 * The parts of a workbook read before its sheets: where the workbook part is, its sheets
 * (names, order, parts) and date system, which cell styles show dates, and the shared-
 * string table (held in memory: its size is bounded by the limits).
 */
import type { XlsxLimits } from './limits.js';
import { refusals } from './refusals.js';
import { isBuiltInDateFormat, isDateFormatCode } from './cell-values.js';
import { readXmlPart, withAttributes } from './xml-part.js';
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
 * not part of the text and are skipped.
 */
async function readSharedStrings(zip: OpenedZip, part: string, limits: XlsxLimits): Promise<SharedStringTable> {
  const declared = zip.parts.get(part);
  if (!declared) return new SharedStringTable();
  const strings = new SharedStringTable(Math.max(1024, Math.min(declared.uncompressedSize, limits.maxSharedStringChars * 3)));
  let totalChars = 0;
  let current = '';
  let inText = false;
  let phonetic = 0;
  await readXmlPart(zip, part, {
    open(local) {
      if (local === 'si') current = '';
      else if (local === 'rPh') phonetic++;
      else if (local === 't' && phonetic === 0) inText = true;
    },
    attribute(name, value) {
      // the table's own count, judged before its strings are read
      if (name === 'uniqueCount' && Number(value) > limits.maxSharedStrings) throw refusals.tooManySharedStrings(limits.maxSharedStrings);
    },
    text(text) {
      if (!inText) return;
      current += text;
      if (current.length > limits.maxStringLength) throw refusals.stringTooLong(limits.maxStringLength);
    },
    close(local) {
      if (local === 't') inText = false;
      else if (local === 'rPh') phonetic--;
      else if (local === 'si') {
        if (strings.size >= limits.maxSharedStrings) throw refusals.tooManySharedStrings(limits.maxSharedStrings);
        totalChars += current.length;
        if (totalChars > limits.maxSharedStringChars) throw refusals.sharedStringsTooLarge(limits.maxSharedStringChars);
        strings.push(current);
      }
    },
  });
  return strings;
}
