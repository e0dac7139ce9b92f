/**
 * Keys the local runtime keeps in its data folder: made on first start, read on every
 * later one (so tokens and cursors survive a restart), readable by their owner only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export async function readOrCreateKeyFile(file: string, create: () => string | Promise<string>): Promise<string> {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const content = await create();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content, { mode: 0o600 });
  return content;
}
