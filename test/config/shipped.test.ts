// The shipped config/wherewemet.yaml documents every key with its default: the file and the zod
// schema must say the same, or a user editing the file is told one thing and gets another.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { configSchema } from '../../src/config/schema.ts';
import { SHIPPED_CONFIG_PATH } from '../../src/paths.ts';

type Tree = Record<string, unknown>;

/** Every leaf as "a.b.c" → value; lists count as leaves. Templates are content, not defaults. */
function leaves(tree: unknown, path: string[] = [], out = new Map<string, unknown>()) {
  if (path[0] === 'templates') return out;
  if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [k, v] of Object.entries(tree as Tree)) leaves(v, [...path, k], out);
  } else out.set(path.join('.'), tree);
  return out;
}

describe('the shipped config', () => {
  const shipped = parseDocument(readFileSync(SHIPPED_CONFIG_PATH, 'utf8')).toJS() as Tree;
  // The schema's defaults, given only the templates the actions need.
  const defaults = configSchema.parse({ templates: shipped.templates });

  it('sets every key to the schema default', () => {
    const file = leaves(shipped);
    const schema = leaves(defaults);
    const differ = [...file].filter(
      ([key, value]) => JSON.stringify(schema.get(key)) !== JSON.stringify(value),
    );
    expect(differ).toEqual([]);
  });

  it('lists every key the schema has', () => {
    const file = leaves(shipped);
    const missing = [...leaves(defaults).keys()].filter((key) => !file.has(key));
    expect(missing).toEqual([]);
  });
});
