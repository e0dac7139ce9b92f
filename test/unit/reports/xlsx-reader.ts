/**
 * Reads an .xlsx back without exceljs, as another program would: fflate unzips it, saxes
 * parses the XML (SpreadsheetML, ECMA-376 part 1 §18). Enough for the small test
 * workbooks: sheet names, cells with their types and number formats, the sheet view,
 * filter and conditional formatting. Shared strings are not read: the writer is told not
 * to use them, and a cell that needs them fails the test.
 */
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]?.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.write(xml).close();
  return root;
}

/** Every descendant named `name`, document order. */
export function all(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
}

export function one(el: XmlElement, name: string): XmlElement | undefined {
  return all(el, name)[0];
}

export interface Cell {
  readonly ref: string;
  readonly value: string | number | null;
  /** the number format's code, '' for General */
  readonly format: string;
}

export interface Sheet {
  readonly name: string;
  readonly xml: XmlElement;
  /** rows by number, each an array by column (A = 0) */
  readonly rows: ReadonlyMap<number, readonly (Cell | undefined)[]>;
}

const BUILT_IN_FORMATS: Readonly<Record<string, string>> = { '0': '', '9': '0%', '10': '0.00%', '14': 'mm-dd-yy' };

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? '';
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

export function readXlsx(bytes: Uint8Array): { sheets: Sheet[]; files: Record<string, string> } {
  const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
  const xml = (name: string): XmlElement => {
    const text = files[name];
    if (text === undefined) throw new Error(`no ${name} in the workbook`);
    return parseXml(text);
  };

  const styles = xml('xl/styles.xml');
  const formats = new Map(all(styles, 'numFmt').map((f) => [f.attributes['numFmtId'] ?? '', f.attributes['formatCode'] ?? '']));
  const cellXfs = one(styles, 'cellXfs');
  const formatOfStyle = (cellXfs?.children ?? []).map((xf) => {
    const id = xf.attributes['numFmtId'] ?? '0';
    return formats.get(id) ?? BUILT_IN_FORMATS[id] ?? `builtin:${id}`;
  });

  const rels = new Map(all(xml('xl/_rels/workbook.xml.rels'), 'Relationship').map((r) => [r.attributes['Id'], r.attributes['Target'] ?? '']));
  const sheets = all(xml('xl/workbook.xml'), 'sheet').map((s) => {
    const target = (rels.get(s.attributes['r:id']) ?? '').replace(/^\/?(xl\/)?/, '');
    const doc = xml(`xl/${target}`);
    const rows = new Map<number, (Cell | undefined)[]>();
    for (const row of all(doc, 'row')) {
      const cells: (Cell | undefined)[] = [];
      for (const c of row.children.filter((e) => e.name === 'c')) {
        const ref = c.attributes['r'] ?? '';
        const type = c.attributes['t'] ?? 'n';
        if (type === 's') throw new Error(`${ref}: a shared string, which the writer was told not to use`);
        const raw = type === 'inlineStr' ? (one(c, 't')?.text ?? '') : one(c, 'v')?.text;
        const value = raw === undefined ? null : type === 'n' ? Number(raw) : raw;
        cells[columnIndex(ref)] = { ref, value, format: formatOfStyle[Number(c.attributes['s'] ?? 0)] ?? '' };
      }
      rows.set(Number(row.attributes['r']), cells);
    }
    return { name: s.attributes['name'] ?? '', xml: doc, rows };
  });
  return { sheets, files };
}

/** A row's first `width` values, blanks as null, to compare with a row written down by hand. */
export function values(sheet: Sheet, row: number, width: number): (string | number | null)[] {
  const cells = sheet.rows.get(row) ?? [];
  return Array.from({ length: width }, (_, i) => cells[i]?.value ?? null);
}

/** Excel's serial day number of a calendar date (days since 1899-12-30), worked out without exceljs. */
export function serialOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}
