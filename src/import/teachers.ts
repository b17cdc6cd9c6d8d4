/** The teachers' list (师资库): one teacher per row, named once; a new row of a known name updates them. */
import { changedColumns } from '../db/rows.js';
import type { RowWriter } from '../db/rows.js';
import { TEACHER_TYPES, type TeacherRow, type TeacherStore, type TeacherType } from '../db/teachers.js';
import { problem } from '../errors.js';
import { cleanText, parsePhone, wordIn, type Cell, type Parsed } from './normalise.js';
import { requiredTexts, type FileNotes, type KindHandler, type PreparedRow } from './rows.js';
import { optionalField } from './trainees.js';

const TYPE_WORDS: Record<string, TeacherType> = {
  专职: '专职',
  'full-time': '专职',
  兼职: '兼职',
  'part-time': '兼职',
  外聘: '外聘',
  invited: '外聘',
};

export function parseTeacherType(cell: Cell): Parsed<TeacherType> {
  const type = wordIn(TYPE_WORDS, cleanText(cell).toLowerCase());
  return type
    ? { ok: true, value: type }
    : {
        ok: false,
        problem: problem('teacherTypeValue', { value: cleanText(cell), types: TEACHER_TYPES.join('、') }),
      };
}

export function teacherHandler(teachers: TeacherStore, writer: RowWriter): KindHandler {
  return {
    beginFile: (): FileNotes => ({}),
    prepare(row, report): PreparedRow | undefined {
      requiredTexts(row, report, 'name');
      const name = row.written('name');
      const type = optionalField(row, report, 'type', parseTeacherType);
      const phone = optionalField(row, report, 'phone', parsePhone);
      if (report.failed) return undefined;
      const given: Partial<Omit<TeacherRow, 'id' | 'batch_id'>> = {
        name,
        type,
        unit: row.written('unit') || undefined,
        specialty: row.written('specialty') || undefined,
        phone,
      };
      const existing = teachers.named(name);
      return {
        existingId: existing?.id,
        signature: JSON.stringify(given),
        write() {
          if (!existing) {
            const id = teachers.insert(writer, {
              name,
              type: type ?? null,
              unit: given.unit ?? null,
              specialty: given.specialty ?? null,
              phone: phone ?? null,
            });
            return { outcome: 'inserted', id };
          }
          const changes = changedColumns(existing, { ...given, name: existing.name });
          if (Object.keys(changes).length === 0) return { outcome: 'unchanged', id: existing.id };
          teachers.update(writer, existing, changes);
          return { outcome: 'updated', id: existing.id };
        },
      };
    },
  };
}
