/**
 * Builds small .xlsx workbooks part by part, to put exactly the cell encodings the reader
 * must handle on the page: shared and inline strings, numbers, dates in either system,
 * booleans, errors, formula results, rows and cells without references.
 */
import { honestEntry, writeZip, type ZipEntry } from './zip-writer.js';

export type BuiltCell =
  | string // a shared string
  | number
  | boolean
  | null // no cell
  | { readonly inline: string }
  | { readonly serial: number } // a number styled as a date (numFmt 14)
  | { readonly error: string }
  | { readonly formulaText: string };

export interface BuiltSheet {
  readonly name: string;
  readonly rows: readonly (readonly BuiltCell[])[];
  /** first row number; rows follow one another */
  readonly firstRow?: number;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const col = (i: number) => {
  let s = '';
  for (let k = i + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};

export function workbookParts(sheets: readonly BuiltSheet[], options: { date1904?: boolean } = {}): ZipEntry[] {
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const stringIndex = (s: string) => {
    let i = sharedIndex.get(s);
    if (i === undefined) {
      i = shared.length;
      shared.push(s);
      sharedIndex.set(s, i);
    }
    return i;
  };
  const cellXml = (ref: string, c: BuiltCell): string => {
    if (c === null) return '';
    if (typeof c === 'string') return `<c r="${ref}" t="s"><v>${stringIndex(c)}</v></c>`;
    if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
    if (typeof c === 'boolean') return `<c r="${ref}" t="b"><v>${c ? 1 : 0}</v></c>`;
    if ('inline' in c) return `<c r="${ref}" t="inlineStr"><is><t>${escape(c.inline)}</t></is></c>`;
    if ('serial' in c) return `<c r="${ref}" s="1"><v>${c.serial}</v></c>`;
    if ('error' in c) return `<c r="${ref}" t="e"><v>${escape(c.error)}</v></c>`;
    return `<c r="${ref}" t="str"><f>"x"</f><v>${escape(c.formulaText)}</v></c>`;
  };
  const sheetXml = (s: BuiltSheet) => {
    const first = s.firstRow ?? 1;
    const rows = s.rows.map((cells, i) => `<row r="${first + i}">${cells.map((c, j) => cellXml(`${col(j)}${first + i}`, c)).join('')}</row>`);
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  };
  const sheetParts = sheets.map((s, i) => honestEntry(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)));
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return [
    honestEntry('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    honestEntry('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    honestEntry(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}">${options.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${sheets
        .map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    honestEntry(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rIdS" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    honestEntry(
      'xl/styles.xml',
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ),
    ...sheetParts,
    honestEntry(
      'xl/sharedStrings.xml',
      `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${shared.length}">${shared.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`,
    ),
  ];
}

export function buildWorkbook(sheets: readonly BuiltSheet[], options: { date1904?: boolean } = {}): Buffer {
  return writeZip(workbookParts(sheets, options));
}
