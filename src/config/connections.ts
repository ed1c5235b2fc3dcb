/**
 * LinkedIn's data export of your connections (Connections.csv): everyone in it is someone you
 * know. The file opens with a few lines of notes before its header row
 * (First Name, Last Name, URL, Email Address, Company, Position, Connected On).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { ConfigError } from '../errors.ts';

export interface KnownFromConnections {
  emails: string[];
  names: string[];
  profileUrls: string[];
}

const KEY = 'rules.knownPeople.connectionsCsv';

export async function readConnectionsCsv(path: string): Promise<KnownFromConnections> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\ufeff/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError([
      `${KEY}: cannot read ${path} (${code === 'ENOENT' ? 'file not found' : code})`,
    ]);
  }
  return parseConnectionsCsv(text, path);
}

export function parseConnectionsCsv(text: string, source: string): KnownFromConnections {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((line) => /^"?First Name"?\s*,/i.test(line));
  if (header < 0) {
    throw new ConfigError([
      `${KEY}: ${source} has no header row starting with "First Name" (is it LinkedIn's Connections.csv?)`,
    ]);
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(lines.slice(header).join('\n'), {
      columns: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as Record<string, string>[];
  } catch (err) {
    throw new ConfigError([
      `${KEY}: ${source} is not valid CSV: ${err instanceof Error ? err.message : String(err)}`,
    ]);
  }
  const known: KnownFromConnections = { emails: [], names: [], profileUrls: [] };
  for (const row of rows) {
    const name = [row['First Name'], row['Last Name']].filter(Boolean).join(' ').trim();
    if (name) known.names.push(name);
    if (row['Email Address']) known.emails.push(row['Email Address']);
    if (row.URL) known.profileUrls.push(row.URL);
  }
  return known;
}
