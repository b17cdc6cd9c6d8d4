/** A training record (培训档案) as a report table. */
import type { MessageKey, Translator } from '../i18n/index.js';
import type { TraineeRecord } from '../stats/trainee.js';
import { definitions } from './figures.js';
import { plainSection as section, type ReportTable, type Section } from './model.js';
import { subtitle, type ReportHeading } from './summaries.js';

export const statusLabel = (t: Translator, status: string | null) =>
  status === null ? '' : t.dynamic(`status.${status}` as MessageKey);

export function traineeTable(record: TraineeRecord, t: Translator, heading: ReportHeading): ReportTable {
  const dates = record.classes.map((entry) => entry.startDate).sort();
  return {
    title: t('traineeTitle', { name: record.trainee.name }),
    subtitle: subtitle(t, heading, dates[0] ?? '—', dates[dates.length - 1] ?? '—'),
    sections: [
      detailsSection(record, t),
      classesSection(record, t),
      sessionsSection(record, t),
      yearsSection(record, t),
      ...onlineAndMentoringSections(record, t),
      ...historyAndCertificateSections(record, t),
    ],
    notes: [t('noteRequiredHours', { required: record.requiredHours })],
    definitions: definitions(t, record.completionThreshold),
    warnings: [],
  };
}

function detailsSection({ trainee: person }: TraineeRecord, t: Translator): Section {
  return section(
    t('traineeDetails'),
    [t('column.item'), t('column.value')],
    [
      [t('column.name'), person.name],
      [t('column.idNumber'), person.idNumber],
      [t('column.unit'), person.unit],
      [t('column.category'), person.category],
      [t('column.position'), person.position ?? ''],
      ...(person.leftOn ? [[t('column.leftOn'), person.leftOn]] : []),
    ],
  );
}

function classesSection(record: TraineeRecord, t: Translator): Section {
  const yesNo = (value: boolean) => (value ? t('yes') : t('no'));
  return section(
    t('traineeClasses'),
    [
      t('column.classCode'),
      t('column.className'),
      t('column.classType'),
      t('column.startDate'),
      t('column.endDate'),
      t('column.attendedSessions'),
      [t('figure.hours'), 'hours'],
      t('column.completed'),
    ],
    record.classes.map((entry) => [
      entry.code,
      entry.name,
      entry.type,
      entry.startDate,
      entry.endDate ?? '',
      `${entry.attendedSessions}/${entry.sessions}`,
      entry.hours,
      entry.cancelled ? t('cancelled') : yesNo(entry.completed),
    ]),
  );
}

function sessionsSection(record: TraineeRecord, t: Translator): Section {
  return section(
    t('traineeSessions'),
    [
      t('column.classCode'),
      t('column.date'),
      t('column.slot'),
      t('column.status'),
      [t('figure.hours'), 'hours'],
    ],
    record.classes.flatMap((entry) =>
      entry.records.map((session) => [
        entry.code,
        session.date,
        session.slot,
        statusLabel(t, session.status),
        session.hours,
      ]),
    ),
  );
}

function yearsSection(record: TraineeRecord, t: Translator): Section {
  return section(
    t('traineeYears', { required: record.requiredHours }),
    [
      t('column.year'),
      [t('figure.hours'), 'hours'],
      [t('column.required'), 'hours'],
      [t('column.shortBy'), 'hours'],
      t('column.check'),
    ],
    record.years.map((year) => [
      year.year,
      year.hours,
      year.required,
      year.short,
      year.short > 0 ? t('flagShort', { hours: Math.round(year.short * 10) / 10 }) : t('met'),
    ]),
  );
}

/** Online courses and mentoring pairs, where the register keeps any for the person. */
function onlineAndMentoringSections(record: TraineeRecord, t: Translator): Section[] {
  const sections: Section[] = [];
  if (record.onlineLearning)
    sections.push(
      section(
        t('traineeOnline'),
        [t('column.course'), t('column.completedOn'), [t('figure.hours'), 'hours']],
        record.onlineLearning.map((entry) => [entry.course, entry.completedOn, entry.hours]),
      ),
    );
  if (record.mentoring)
    sections.push(
      section(
        t('traineeMentoring'),
        [
          t('mentorColumn.role'),
          t('column.name'),
          t('column.unit'),
          t('column.startDate'),
          t('column.endDate'),
        ],
        record.mentoring.map((pair) => [
          pair.role === 'mentor' ? t('mentorRoleMentor') : t('mentorRoleMentee'),
          pair.other,
          pair.otherUnit,
          pair.from,
          pair.to ?? '',
        ]),
      ),
    );
  return sections;
}

/** The person's dated history and certificates, where shown. */
function historyAndCertificateSections(record: TraineeRecord, t: Translator): Section[] {
  const sections: Section[] = [];
  if (record.history)
    sections.push(
      section(
        t('traineeHistory'),
        [t('column.startDate'), t('column.unit'), t('column.category')],
        record.history.map((entry) => [entry.from, entry.unit, entry.category]),
      ),
    );
  if (record.certificates)
    sections.push(
      section(
        t('traineeCertificates'),
        [
          t('certificateColumn.number'),
          t('column.classCode'),
          t('column.className'),
          t('certificateColumn.issued'),
          t('certificateColumn.status'),
        ],
        record.certificates.map((entry) => [
          entry.number,
          entry.classCode,
          entry.className,
          entry.issuedOn,
          entry.voidedOn ? t('certificateVoid', { date: entry.voidedOn }) : t('certificateValid'),
        ]),
      ),
    );
  return sections;
}
