export type { ColumnKind, CodeListName, SpreadsheetTemplate, StudentIdentity, TemplateColumn, TemplateId } from './template.js';
export { DEFAULT_CODE_LISTS, codeLists, type CodeEntry, type CodeLists } from './code-lists.js';
export { WITHDRAWAL_LIST } from './withdrawal-list.js';
export { INFORMATION_CHANGE } from './information-change.js';
export { EXEMPTION_END_MARKER, EXEMPTION_TABLE } from './exemption.js';
export { SUPERVISION_ITEMS, SUPERVISION_SHEET } from './supervision-sheet.js';

import type { SpreadsheetTemplate, TemplateId } from './template.js';
import { WITHDRAWAL_LIST } from './withdrawal-list.js';
import { INFORMATION_CHANGE } from './information-change.js';
import { EXEMPTION_TABLE } from './exemption.js';
import { SUPERVISION_SHEET } from './supervision-sheet.js';

export const TEMPLATES: Readonly<Record<TemplateId, SpreadsheetTemplate>> = {
  'withdrawal-list': WITHDRAWAL_LIST,
  'information-change': INFORMATION_CHANGE,
  exemption: EXEMPTION_TABLE,
  'supervision-sheet': SUPERVISION_SHEET,
};
