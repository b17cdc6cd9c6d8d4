/**
 * Asking, on a terminal, which column of an unfamiliar file holds each required field. inquirer is loaded
 * only when a question is asked.
 */
import { shownData, type Translator } from '../i18n/index.js';
import { canonicalHeader, fieldsOf, type ImportKind } from '../import/fields.js';
import { likelyField, type MappingQuestion } from '../import/mapping.js';
import type { Prompter } from './prompts.js';

export interface MappingAnswer {
  /** header text → field */
  aliases: Record<string, string>;
  saveAs?: string;
}

export async function askMapping(
  prompter: Prompter,
  t: Translator,
  kind: ImportKind,
  file: string,
  question: MappingQuestion,
  write: (text: string) => void,
): Promise<MappingAnswer> {
  write(`${t('mappingIntro', { file: shownData(file), row: question.headerRow })}\n`);
  // Keyed by the file's own headers: an object without a prototype, so that a column headed `__proto__` or
  // `constructor` is a key like any other.
  const aliases = Object.create(null) as Record<string, string>;
  for (const group of question.missing) {
    for (const field of group) {
      const taken = new Set(Object.keys(aliases));
      const choices: { name: string; value: string | null }[] = question.columns
        .filter((column) => !taken.has(column.header))
        .map((column) => ({
          name:
            column.samples.length > 0
              ? `${shownData(column.header)}  ${t('mappingSamples', { samples: shownSamples(column.samples) })}`
              : shownData(column.header),
          value: column.header,
        }));
      // Any field of a group will do (a sign-in sheet needs an ID number or a name), so each may be skipped.
      if (group.length > 1) choices.push({ name: t('mappingNone'), value: null });
      // The question starts on the column whose values look like the field.
      const likely = question.columns.find(
        (column) => !taken.has(column.header) && likelyField(kind, column.samples) === field,
      )?.header;
      const header = await prompter.select(
        t('mappingAsk', { field: canonicalHeader(kind, field) }),
        choices,
        likely,
      );
      if (header !== null) aliases[header] = field;
    }
  }
  // Then the columns it did not recognise, which may hold fields worth having (an ID number column, say).
  const mapped = new Set([...question.columns.map((column) => column.field), ...Object.values(aliases)]);
  for (const column of question.columns.filter(
    (candidate) => !candidate.field && !(candidate.header in aliases),
  )) {
    const free = fieldsOf(kind).filter((field) => !mapped.has(field));
    if (free.length === 0) break;
    const samples =
      column.samples.length > 0 ? `  ${t('mappingSamples', { samples: shownSamples(column.samples) })}` : '';
    const likely = likelyField(kind, column.samples);
    const field = await prompter.select(
      t('mappingColumn', { header: shownData(column.header), samples }),
      [
        { name: t('mappingIgnore'), value: null },
        ...free.map((candidate) => ({
          name: canonicalHeader(kind, candidate),
          value: candidate as string | null,
        })),
      ],
      likely && free.includes(likely) ? likely : null,
    );
    if (field !== null) {
      aliases[column.header] = field;
      mapped.add(field);
    }
  }
  const save = await prompter.confirm(t('mappingSave'));
  if (!save) return { aliases };
  const saveAs = await prompter.input(t('mappingName'), (value) =>
    value.trim() ? true : t('mappingNameEmpty'),
  );
  return { aliases, saveAs: saveAs.trim() };
}

/** A column's first values as the question shows them: ID numbers and phones masked, control characters escaped. */
function shownSamples(samples: readonly string[]): string {
  return samples.map(shownData).join(' | ');
}
