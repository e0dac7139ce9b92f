/** Unit tests reach no engine; the handlers still need a table name (and a cursor key) to wire themselves. */
import { randomBytes } from 'node:crypto';

Object.assign(process.env, {
  TABLE_NAME: 'xuewu-unit',
  AWS_REGION: 'ap-east-1',
  AWS_ACCESS_KEY_ID: 'unit',
  AWS_SECRET_ACCESS_KEY: 'unit',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  CURSOR_KEY: randomBytes(32).toString('hex'),
});
