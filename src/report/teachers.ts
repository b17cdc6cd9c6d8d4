/** What the teachers taught, as a report: by teacher, then by teacher type. */
import { DEFAULT_COMPLETION_THRESHOLD } from '../domain/attendance.js';
import type { Translator } from '../i18n/index.js';
import type { TeacherFigures, TeachersReport } from '../stats/teachers.js';
import { definitions } from './figures.js';
import type { CellValue, Column, ReportTable } from './model.js';
import { subtitle, type ReportHeading } from './summaries.js';

function figureColumns(t: Translator): Column[] {
  return [
    { label: t('teacher.sessions'), kind: 'count' },
    { label: t('teacher.hours'), kind: 'hours' },
    { label: t('figure.participantTimes'), kind: 'count' },
    { label: t('figure.participants'), kind: 'count' },
  ];
}

const figureCells = (figures: TeacherFigures): CellValue[] => [
  figures.sessions,
  figures.teachingHours,
  figures.participantTimes,
  figures.participants,
];

export function teachersTable(report: TeachersReport, t: Translator, heading: ReportHeading): ReportTable {
  const { period } = report;
  const type = (value: string | null) => value ?? t('noneGroup');
  const unregistered = report.teachers.filter((line) => !line.registered).map((line) => line.name);
  return {
    title: t('teachersTitle', { label: period.label, from: period.from, to: period.to }),
    subtitle: subtitle(t, heading, period.from, period.to),
    sections: [
      {
        heading: t('teachersEach'),
        columns: [
          { label: t('column.name'), kind: 'text' },
          { label: t('teacher.type'), kind: 'text' },
          { label: t('column.unit'), kind: 'text' },
          { label: t('teacher.specialty'), kind: 'text' },
          ...figureColumns(t),
        ],
        rows: [
          ...report.teachers.map((line) => [
            line.registered ? line.name : `${line.name} ${t('teacherUnregisteredMark')}`,
            type(line.type),
            line.unit ?? '',
            line.specialty ?? '',
            ...figureCells(line),
          ]),
          [t('groupTotal'), '', '', '', ...figureCells(report.total)],
        ],
        totals: 1,
      },
      {
        heading: t('teachersByType'),
        columns: [
          { label: t('teacher.type'), kind: 'text' },
          { label: t('teacher.count'), kind: 'count' },
          ...figureColumns(t),
        ],
        rows: [
          ...report.types.map((line) => [type(line.type), line.teachers, ...figureCells(line)]),
          [t('groupTotal'), report.total.teachers, ...figureCells(report.total)],
        ],
        totals: 1,
      },
    ],
    notes: [
      t('noteTeachers'),
      ...(unregistered.length > 0
        ? [t('noteTeachersUnregistered', { names: unregistered.join(t('listSeparator')) })]
        : []),
    ],
    // No figure of completion here: the definitions say the rule as it stands by default.
    definitions: definitions(t, DEFAULT_COMPLETION_THRESHOLD),
    warnings: [],
  };
}
