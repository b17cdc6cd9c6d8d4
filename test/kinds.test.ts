/**
 * One registry of import kinds (#30): each kind is a file of src/import/kinds/ declaring its columns, the columns
 * it must have, what makes a row empty, how a file of it is recognised, its reader of rows and its records out;
 * kinds/index.ts lists them. These checks keep that true as kinds are added.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS, RECORD_KINDS } from '../src/import/fields.js';
import { KINDS } from '../src/import/kinds/index.js';
import { catalogueFor } from '../src/i18n/index.js';
import { ROOT } from './helpers.js';

const SHARED = new Set(['index.ts', 'spec.ts', 'columns.ts']);

describe('the import kinds', () => {
  it('are one file each, every one listed once, in the order a folder imports them', async () => {
    const files = readdirSync(join(ROOT, 'src', 'import', 'kinds')).filter((file) => !SHARED.has(file));
    const declared = await Promise.all(
      files.map(async (file) => {
        const module = (await import(`../src/import/kinds/${file.replace(/\.ts$/, '.js')}`)) as Record<
          string,
          { kind: string }
        >;
        return Object.values(module).map((spec) => spec.kind);
      }),
    );
    expect(declared.flat().sort()).toEqual([...IMPORT_KINDS].sort());
    expect(KINDS.map((spec) => spec.kind)).toEqual(IMPORT_KINDS);
    expect(new Set(IMPORT_KINDS).size).toBe(IMPORT_KINDS.length);
    // What a folder names must be there first: people before sign-ins, classes before their timetables.
    const before = (a: string, b: string) =>
      IMPORT_KINDS.indexOf(a as never) < IMPORT_KINDS.indexOf(b as never);
    expect([
      before('trainees', 'attendance'),
      before('classes', 'timetable'),
      before('plans', 'classes'),
    ]).toEqual([true, true, true]);
  });

  it('each requires columns it has, has a reader, and a name in both languages; records out where they are its own', () => {
    for (const spec of KINDS) {
      const fields = new Set(spec.fields.map((field) => field.field));
      for (const group of spec.required)
        expect(
          group.some((field) => fields.has(field)),
          spec.kind,
        ).toBe(true);
      for (const field of [...spec.keyFields, ...(spec.ownColumns ?? [])])
        expect(fields.has(field), `${spec.kind} ${field}`).toBe(true);
      expect(typeof spec.handler, spec.kind).toBe('function');
      for (const lang of ['zh', 'en'] as const)
        expect(catalogueFor(lang)[`kind.${spec.kind}` as never], `${lang} kind.${spec.kind}`).toBeTruthy();
    }
    // A meeting list and a form are read into sign-ins: their records go out as attendance.
    expect(IMPORT_KINDS.filter((kind) => !RECORD_KINDS.includes(kind))).toEqual(['meeting', 'form']);
  });
});
