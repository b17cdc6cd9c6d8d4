/** A training record (培训档案) as a report table. */
import type { MessageKey, Translator } from '../i18n/index.js';
import type { TraineeRecord } from '../stats/trainee.js';
import { definitions } from './figures.js';
import type { ReportTable } from './model.js';
import { subtitle, type ReportHeading } from './summaries.js';

export const statusLabel = (t: Translator, status: string | null) =>
  status === null ? '' : t.dynamic(`status.${status}` as MessageKey);

export function traineeTable(record: TraineeRecord, t: Translator, heading: ReportHeading): ReportTable {
  const person = record.trainee;
  const dates = record.classes.map((entry) => entry.startDate).sort();
  const yesNo = (value: boolean) => (value ? t('yes') : t('no'));
  return {
    title: t('traineeTitle', { name: person.name }),
    subtitle: subtitle(t, heading, dates[0] ?? '—', dates[dates.length - 1] ?? '—'),
    sections: [
      {
        heading: t('traineeDetails'),
        columns: [
          { label: t('column.item'), kind: 'text' },
          { label: t('column.value'), kind: 'text' },
        ],
        rows: [
          [t('column.name'), person.name],
          [t('column.idNumber'), person.idNumber],
          [t('column.unit'), person.unit],
          [t('column.category'), person.category],
          [t('column.position'), person.position ?? ''],
          ...(person.leftOn ? [[t('column.leftOn'), person.leftOn]] : []),
        ],
        totals: 0,
      },
      {
        heading: t('traineeClasses'),
        columns: [
          { label: t('column.classCode'), kind: 'text' },
          { label: t('column.className'), kind: 'text' },
          { label: t('column.classType'), kind: 'text' },
          { label: t('column.startDate'), kind: 'text' },
          { label: t('column.endDate'), kind: 'text' },
          { label: t('column.attendedSessions'), kind: 'text' },
          { label: t('figure.hours'), kind: 'hours' },
          { label: t('column.completed'), kind: 'text' },
        ],
        rows: record.classes.map((entry) => [
          entry.code,
          entry.name,
          entry.type,
          entry.startDate,
          entry.endDate ?? '',
          `${entry.attendedSessions}/${entry.sessions}`,
          entry.hours,
          entry.cancelled ? t('cancelled') : yesNo(entry.completed),
        ]),
        totals: 0,
      },
      {
        heading: t('traineeSessions'),
        columns: [
          { label: t('column.classCode'), kind: 'text' },
          { label: t('column.date'), kind: 'text' },
          { label: t('column.slot'), kind: 'text' },
          { label: t('column.status'), kind: 'text' },
          { label: t('figure.hours'), kind: 'hours' },
        ],
        rows: record.classes.flatMap((entry) =>
          entry.records.map((session) => [
            entry.code,
            session.date,
            session.slot,
            statusLabel(t, session.status),
            session.hours,
          ]),
        ),
        totals: 0,
      },
      {
        heading: t('traineeYears', { required: record.requiredHours }),
        columns: [
          { label: t('column.year'), kind: 'text' },
          { label: t('figure.hours'), kind: 'hours' },
          { label: t('column.required'), kind: 'hours' },
          { label: t('column.shortBy'), kind: 'hours' },
          { label: t('column.check'), kind: 'text' },
        ],
        rows: record.years.map((year) => [
          year.year,
          year.hours,
          year.required,
          year.short,
          year.short > 0 ? t('flagShort', { hours: Math.round(year.short * 10) / 10 }) : t('met'),
        ]),
        totals: 0,
      },
      ...(record.onlineLearning
        ? [
            {
              heading: t('traineeOnline'),
              columns: [
                { label: t('column.course'), kind: 'text' as const },
                { label: t('column.completedOn'), kind: 'text' as const },
                { label: t('figure.hours'), kind: 'hours' as const },
              ],
              rows: record.onlineLearning.map((entry) => [entry.course, entry.completedOn, entry.hours]),
              totals: 0,
            },
          ]
        : []),
      ...(record.mentoring
        ? [
            {
              heading: t('traineeMentoring'),
              columns: [
                { label: t('mentorColumn.role'), kind: 'text' as const },
                { label: t('column.name'), kind: 'text' as const },
                { label: t('column.unit'), kind: 'text' as const },
                { label: t('column.startDate'), kind: 'text' as const },
                { label: t('column.endDate'), kind: 'text' as const },
              ],
              rows: record.mentoring.map((pair) => [
                pair.role === 'mentor' ? t('mentorRoleMentor') : t('mentorRoleMentee'),
                pair.other,
                pair.otherUnit,
                pair.from,
                pair.to ?? '',
              ]),
              totals: 0,
            },
          ]
        : []),
      ...(record.history
        ? [
            {
              heading: t('traineeHistory'),
              columns: [
                { label: t('column.startDate'), kind: 'text' as const },
                { label: t('column.unit'), kind: 'text' as const },
                { label: t('column.category'), kind: 'text' as const },
              ],
              rows: record.history.map((entry) => [entry.from, entry.unit, entry.category]),
              totals: 0,
            },
          ]
        : []),
      ...(record.certificates
        ? [
            {
              heading: t('traineeCertificates'),
              columns: [
                { label: t('certificateColumn.number'), kind: 'text' as const },
                { label: t('column.classCode'), kind: 'text' as const },
                { label: t('column.className'), kind: 'text' as const },
                { label: t('certificateColumn.issued'), kind: 'text' as const },
                { label: t('certificateColumn.status'), kind: 'text' as const },
              ],
              rows: record.certificates.map((entry) => [
                entry.number,
                entry.classCode,
                entry.className,
                entry.issuedOn,
                entry.voidedOn ? t('certificateVoid', { date: entry.voidedOn }) : t('certificateValid'),
              ]),
              totals: 0,
            },
          ]
        : []),
    ],
    notes: [t('noteRequiredHours', { required: record.requiredHours })],
    definitions: definitions(t, record.completionThreshold),
    warnings: [],
  };
}
