/**
 * The register's own records as report tables: import batches, reports on file, and what changed in one since it
 * was handed in. Every format a report has (table, CSV, Markdown, JSON, .xlsx, HTML) serves them too.
 */
import { visibleText } from '../domain/text.js';
import type { BatchDetail, BatchRecord, ChangeTable, RecordChange } from '../db/batches.js';
import type { MappingListing, SavedMapping } from '../db/mappings.js';
import type { FiledDiff, FiledStatus } from '../filed/filed.js';
import type { AliasListing } from '../register/aliases.js';
import type { CertificateListing } from '../register/certificates.js';
import { settingKind, type ConfigEntry } from '../register/config.js';
import { messageKeys, type MessageKey, type Translator } from '../i18n/index.js';
import { FIGURE_KEYS, FIGURE_KINDS, type FigureKey } from './figures.js';
import { maskIdNumber, maskPhone } from '../domain/identity.js';
import { formatCell, localTime, type ReportTable } from './model.js';
import { statusLabel } from './trainee.js';
import { NONE_LABEL } from '../stats/summary.js';

const KNOWN_MESSAGES = new Set<string>(messageKeys);

/**
 * A value the register holds (a batch's or mapping's kind, a mapping's field) in words. Values written today all
 * have their name (the compiler sees to it); one an older peixun wrote is shown as stored rather than stopping the
 * listing.
 */
function storedLabel(t: Translator, family: 'kind' | 'field', value: string): string {
  const key = `${family}.${value}`;
  return KNOWN_MESSAGES.has(key) ? t.dynamic(key as MessageKey) : value;
}

const listing = (title: string, columns: string[], rows: (string | number)[][]): ReportTable => ({
  title,
  subtitle: '',
  sections: [{ columns: columns.map((label) => ({ label, kind: 'text' })), rows, totals: 0 }],
  notes: [],
  definitions: [],
  warnings: [],
});

export function batchListTable(batches: BatchRecord[], t: Translator): ReportTable {
  const columns = (['batch', 'when', 'who', 'kind', 'files', 'counts', 'status'] as const).map((key) =>
    t(`batchColumn.${key}`),
  );
  return listing(
    t('batchListTitle', { count: batches.length }),
    columns,
    batches.map((batch) => {
      const c = batch.counts;
      return [
        `#${batch.id}`,
        localTime(batch.createdAt),
        [batch.osUser, batch.host].filter(Boolean).join('@'),
        storedLabel(t, 'kind', batch.kind),
        batch.files.join('\n'),
        c.changed !== undefined
          ? t('batchChanged', { count: c.changed })
          : t('batchCounts', {
              read: c.read ?? 0,
              inserted: c.inserted ?? 0,
              updated: c.updated ?? 0,
              unchanged: c.unchanged ?? 0,
            }),
        batch.undoneAt ? t('batchUndone', { at: localTime(batch.undoneAt) }) : t('batchActive'),
      ];
    }),
  );
}

export function filedListTable(reports: FiledStatus[], t: Translator): ReportTable {
  const columns = (['id', 'when', 'who', 'command', 'hash', 'now'] as const).map((key) =>
    t(`filedColumn.${key}`),
  );
  return listing(
    t('filedListTitle', { count: reports.length }),
    columns,
    reports.map((report) => [
      report.replaces === null
        ? `#${report.id}`
        : `#${report.id} ${t('filedCorrects', { id: report.replaces })}`,
      localTime(report.filedAt),
      report.osUser ?? '',
      report.command,
      report.hash.slice(0, 12),
      [
        report.changed ? t('filedChanged') : t('filedSame'),
        ...(report.replacedBy === null ? [] : [t('filedReplacedBy', { id: report.replacedBy })]),
      ].join(t('listSeparator')),
    ]),
  );
}

export function filedDiffTable(diff: FiledDiff, t: Translator): ReportTable {
  const figureNames = new Set<string>(FIGURE_KEYS);
  const label = (part: string) => {
    if (figureNames.has(part)) return t.dynamic(`figure.${part}` as MessageKey);
    if (part === '(total)' || part === 'total') return t('groupTotal');
    return part === NONE_LABEL ? t('noneGroup') : part;
  };
  // `rows`, `quarters` only say where in the JSON a figure sits; the group or period that follows says it all.
  const path = (parts: string[]) =>
    parts
      .filter((part) => part !== 'rows' && part !== 'quarters')
      .map(label)
      .join(' › ');
  const show = (parts: string[], value: unknown) => {
    const figure = parts[parts.length - 1] ?? '';
    if (typeof value === 'number' && figureNames.has(figure))
      return formatCell(FIGURE_KINDS[figure as FigureKey], value);
    return value === null || value === undefined ? '—' : String(value);
  };
  const columns = (['figure', 'filed', 'now', 'batches'] as const).map((key) => t(`diffColumn.${key}`));
  const table = listing(
    t('filedHeader', { id: diff.filed.id, when: localTime(diff.filed.filedAt), command: diff.filed.command }),
    columns,
    diff.changes.map((change) => [
      path(change.path),
      show(change.path, change.filed),
      show(change.path, change.now),
      change.batches.map((batch) => `#${batch}`).join(', '),
    ]),
  );
  table.notes.push(
    diff.changes.length === 0 ? t('filedNoChange') : t('filedChangeCount', { count: diff.changes.length }),
  );
  if (diff.undoneSince.length > 0)
    table.notes.push(
      t('filedUndoneSince', { batches: diff.undoneSince.map((batch) => `#${batch}`).join(', ') }),
    );
  if (diff.notTakenApart !== undefined)
    table.notes.push(t('filedNotTakenApart', { batch: diff.notTakenApart }));
  return table;
}

export function mappingListTable(mappings: MappingListing[], t: Translator): ReportTable {
  const columns = (['name', 'kind', 'columns', 'created'] as const).map((key) => t(`mappingColumn.${key}`));
  return listing(
    t('mappingListTitle', { count: mappings.length }),
    columns,
    mappings.map((mapping) => [
      mapping.name,
      storedLabel(t, 'kind', mapping.kind),
      Object.keys(mapping.aliases).join('、'),
      localTime(mapping.createdAt),
    ]),
  );
}

/** Each header the mapping knows, and the field it stands for. */
export function mappingTable(mapping: SavedMapping, t: Translator): ReportTable {
  const field = (name: string) => storedLabel(t, 'field', name);
  return listing(
    t('mappingTitle', { name: mapping.name, kind: storedLabel(t, 'kind', mapping.kind) }),
    [t('mappingColumn.header'), t('mappingColumn.field')],
    Object.entries(mapping.aliases).map(([header, name]) => [header, field(name)]),
  );
}

/** The register's columns an edit changed, named as the tables name them. */
const COLUMN_LABELS: Record<string, MessageKey> = {
  name: 'column.name',
  id_number: 'column.idNumber',
  gender: 'column.gender',
  birth_date: 'column.birthDate',
  phone: 'column.phone',
  unit_id: 'column.unit',
  position: 'column.position',
  category: 'column.category',
  code: 'column.classCode',
  type: 'column.classType',
  organiser_unit_id: 'column.organiser',
  start_date: 'column.startDate',
  end_date: 'column.endDate',
  planned_hours: 'column.plannedHours',
  venue: 'column.venue',
  status: 'column.classStatus',
  plan_id: 'table.plans',
  teacher: 'sessionField.teacher',
  online: 'sessionField.online',
  course_id: 'sessionField.course_id',
  start_time: 'sessionField.start_time',
  end_time: 'sessionField.end_time',
  hours: 'sessionField.hours',
  session_id: 'table.sessions',
  enrolment_id: 'table.enrolments',
  trainee_id: 'table.trainees',
  class_id: 'table.classes',
  parent_id: 'column.parentUnit',
  valid_from: 'column.validFrom',
  date: 'column.date',
  slot: 'sessionField.slot',
};

/** Worked out from the other columns (undo keeps it up to date): no change of its own to a person. */
const DERIVED_COLUMNS = new Set(['batch_id', 'effective_unit_id', 'exact']);

export function changedFields(t: Translator, changes: object, kind: 'trainee' | 'class' | 'session'): string {
  return Object.keys(changes)
    .map((column) => columnLabel(t, column, kind))
    .join(t('listSeparator'));
}

function columnLabel(t: Translator, column: string, kind: 'trainee' | 'class' | 'session' | 'other'): string {
  const label = kind === 'class' && column === 'name' ? 'column.className' : COLUMN_LABELS[column];
  return label ? t.dynamic(label) : column;
}

/** What one batch did: how many records of each table it added, and each record it changed, old → new. */
/** One changed record in words: its table, the record (a name or code), and each column old → new. */
export function describeChange(
  t: Translator,
  change: RecordChange,
  reveal: boolean,
): [string, string, string] {
  const shown = (column: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (!reveal && column === 'id_number') return maskIdNumber(String(value));
    if (!reveal && column === 'phone') return maskPhone(String(value));
    // A reference in words where the record is known (a unit's path, a session), else its number.
    if (column.endsWith('_id'))
      return change.references?.[`${column}:${String(value)}`] ?? `#${String(value)}`;
    // Codes in words, as every other table shows them: 缺勤 → 出勤, not absent → present.
    if (column === 'status' && change.table === 'attendance') return statusLabel(t, String(value));
    if (column === 'status' && change.table === 'classes')
      return t.dynamic(`classStatus.${String(value)}` as MessageKey);
    if (column === 'online') return value === 1 ? t('modeOnline') : t('modeOffline');
    return String(value);
  };
  const kind = change.table === 'trainees' ? 'trainee' : change.table === 'classes' ? 'class' : 'other';
  const what =
    change.after === null
      ? t('batchDetailDeleted')
      : Object.keys(change.after)
          .filter(
            (column) => !DERIVED_COLUMNS.has(column) && change.before[column] !== change.after?.[column],
          )
          .map(
            (column) =>
              `${columnLabel(t, column, kind)}: ${shown(column, change.before[column])} → ${shown(column, change.after?.[column])}`,
          )
          .join('\n');
  return [tableLabel(t, change.table), change.label, what || t('batchDetailSame')];
}

/** A table a batch writes, in words: typed, so that a table without its name in the catalogue does not compile. */
export function tableLabel(t: Translator, table: ChangeTable): string {
  return t(`table.${table}`);
}

/** Records added, by table, in one line. */
export function addedLine(t: Translator, inserted: BatchDetail['inserted']): string {
  const added = Object.entries(inserted).map(([name, count]) =>
    t('batchDetailAdded', { table: tableLabel(t, name as ChangeTable), count }),
  );
  return added.length > 0 ? added.join(t('listSeparator')) : t('batchDetailNoneAdded');
}

export function batchDetailTable(detail: BatchDetail, t: Translator, reveal: boolean): ReportTable {
  const table = listing(
    t('batchDetailTitle', {
      id: detail.batch.id,
      kind: storedLabel(t, 'kind', detail.batch.kind),
    }),
    [t('batchDetailColumn.table'), t('batchDetailColumn.record'), t('batchDetailColumn.change')],
    detail.changes.map((change) => describeChange(t, change, reveal)),
  );
  table.notes.push(t('batchAddedNote', { added: addedLine(t, detail.inserted) }));
  if (detail.units.length > 0)
    table.notes.push(t('batchDetailUnits', { units: detail.units.join(t('listSeparator')) }));
  if (detail.batch.undoneAt) table.notes.push(t('batchUndone', { at: localTime(detail.batch.undoneAt) }));
  return table;
}

/** A batch's detail as JSON: ID numbers and phones in its records masked unless asked for whole. */
export function batchDetailData(detail: BatchDetail, reveal: boolean): BatchDetail {
  return reveal ? detail : maskedChanges(detail);
}

/** Changed records with their ID numbers and phones masked. */
export function maskedChanges<T extends { changes: RecordChange[] }>(detail: T): T {
  const masked = (row: Record<string, unknown>) => ({
    ...row,
    ...(typeof row.id_number === 'string' ? { id_number: maskIdNumber(row.id_number) } : {}),
    ...(typeof row.phone === 'string' ? { phone: maskPhone(row.phone) } : {}),
  });
  return {
    ...detail,
    changes: detail.changes.map((change) => ({
      ...change,
      before: masked(change.before),
      after: change.after && masked(change.after),
    })),
  };
}

/** `peixun config`: each setting and its value; a secret by its fingerprint only. */
export function configTable(entries: readonly ConfigEntry[], t: Translator): ReportTable {
  return listing(
    t('configTitle'),
    [t('configColumnName'), t('configColumnValue'), t('configColumnAbout')],
    entries.map((entry) => [
      entry.name,
      configShown(entry, t),
      t.dynamic(`configAbout.${settingKind(entry.name)}` as MessageKey),
    ]),
  );
}

export function configShown(entry: ConfigEntry, t: Translator): string {
  if (!entry.set)
    return entry.fallback === null
      ? t('configValueUnset')
      : t('configValueFallback', { value: entry.fallback });
  // A value set by an older peixun may hold a control character: shown escaped, like every value from outside.
  return entry.fingerprint
    ? t('configValueSecret', { fingerprint: entry.fingerprint })
    : visibleText(entry.value ?? '');
}

/** A mentoring pair as `mentor list` shows it. */
export interface MentorshipLine {
  mentor: string;
  mentorUnit: string;
  mentee: string;
  menteeUnit: string;
  from: string;
  to: string | null;
  /** Today: not begun yet, begun and not ended, or ended. */
  state: 'planned' | 'active' | 'ended';
}

const MENTORSHIP_STATE = {
  planned: 'mentorPlanned',
  active: 'mentorActive',
  ended: 'mentorStateEnded',
} as const satisfies Record<MentorshipLine['state'], MessageKey>;

export function mentorshipTable(lines: readonly MentorshipLine[], t: Translator): ReportTable {
  return listing(
    t('mentorListTitle', { count: lines.length }),
    [
      t('mentorColumn.mentor'),
      t('mentorColumn.mentorUnit'),
      t('mentorColumn.mentee'),
      t('mentorColumn.menteeUnit'),
      t('column.startDate'),
      t('column.endDate'),
      t('mentorColumn.state'),
    ],
    lines.map((line) => [
      line.mentor,
      line.mentorUnit,
      line.mentee,
      line.menteeUnit,
      line.from,
      line.to ?? '',
      t(MENTORSHIP_STATE[line.state]),
    ]),
  );
}

/** The nicknames tied to trainees, as `alias list` shows them. */
export function aliasTable(lines: readonly AliasListing[], t: Translator): ReportTable {
  return listing(
    t('aliasListTitle', { count: lines.length }),
    [t('aliasColumn.nickname'), t('aliasColumn.trainee'), t('aliasColumn.unit')],
    lines.map((line) => [line.nickname, line.trainee, line.unit]),
  );
}

/** Certificates kept in the register, as `certificate list` shows them. */
export function certificateTable(lines: readonly CertificateListing[], t: Translator): ReportTable {
  return listing(
    t('certificateListTitle', { count: lines.length }),
    [
      t('certificateColumn.number'),
      t('column.name'),
      t('column.idNumber'),
      t('column.unit'),
      t('column.classCode'),
      t('column.className'),
      t('certificateColumn.issued'),
      t('certificateColumn.status'),
    ],
    lines.map((line) => [
      line.number,
      line.name,
      line.idNumber,
      line.unit,
      line.classCode,
      line.className,
      line.issuedOn,
      line.voidedOn ? t('certificateVoid', { date: line.voidedOn }) : t('certificateValid'),
    ]),
  );
}
