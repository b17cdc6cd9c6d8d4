/** A class's attendance sheet as a report table. */
import { isAttended, SLOTS } from '../domain/attendance.js';
import type { Translator } from '../i18n/index.js';
import type { ClassSheet } from '../stats/classSheet.js';
import { definitions } from './figures.js';
import { plainSection, type ReportTable, type Section } from './model.js';
import { subtitle, type ReportHeading } from './summaries.js';
import { statusLabel } from './trainee.js';

export function classSheetTable(sheet: ClassSheet, t: Translator, heading: ReportHeading): ReportTable {
  return {
    title: t('classTitle', { code: sheet.class.code, name: sheet.class.name }),
    subtitle: subtitle(t, heading, sheet.class.startDate, sheet.class.endDate ?? sheet.class.startDate),
    sections: [
      attendanceSection(sheet, t),
      // Who taught each session, where and how, where the sheets said so; the timetable's sessions not yet held too.
      ...(sheet.held || sheet.planned ? [sessionsSection(sheet, t)] : []),
      ...(sheet.enrolledNeverCame
        ? [
            plainSection(
              t('enrolledNeverCame', { count: sheet.enrolledNeverCame.length }),
              [t('column.name'), t('column.unit')],
              sheet.enrolledNeverCame.map((entry) => [entry.name, entry.unit]),
            ),
          ]
        : []),
    ],
    notes: [
      t('noteClassSheet'),
      t('noteThreshold', { threshold: `${Math.round(sheet.completionThreshold * 1000) / 10}%` }),
    ],
    definitions: definitions(t, sheet.completionThreshold),
    warnings:
      sheet.sessions.length === 0 ? [t('warnNoAttendance', { count: 1, codes: sheet.class.code })] : [],
  };
}

/** Every session of the class in date order: the held ones as they were held, then or between them the planned. */
function sessionsSection(sheet: ClassSheet, t: Translator): Section {
  const mode = (online: boolean) => (online ? t('modeOnline') : t('modeOffline'));
  const held = sheet.sessions.map((session, index) => ({
    date: session.date,
    slot: session.slot,
    cells: [
      sheet.held?.[index]?.teacher ?? '',
      sheet.held?.[index]?.venue ?? sheet.class.venue ?? '',
      mode(sheet.held?.[index]?.online ?? false),
    ],
    state: t('sessionHeld'),
  }));
  const planned = (sheet.planned ?? []).map((session) => ({
    date: session.date,
    slot: session.slot,
    cells: [session.teacher ?? '', session.venue ?? sheet.class.venue ?? '', mode(session.online)],
    state: t('sessionPlanned'),
  }));
  const slotRank = (slot: string) => SLOTS.indexOf(slot as (typeof SLOTS)[number]);
  const sessions = [...held, ...planned].sort(
    (a, b) => a.date.localeCompare(b.date) || slotRank(a.slot) - slotRank(b.slot),
  );
  const withState = planned.length > 0;
  return plainSection(
    t('classSessions'),
    [
      t('column.date'),
      t('column.slot'),
      t('by.teacher'),
      t('venue.name'),
      t('classSessionMode'),
      ...(withState ? [t('column.state')] : []),
    ],
    sessions.map((session) => [
      session.date,
      session.slot,
      ...session.cells,
      ...(withState ? [session.state] : []),
    ]),
  );
}

/** A line a person, a column a session, and the class's totals under them. */
function attendanceSection(sheet: ClassSheet, t: Translator): Section {
  const yesNo = (value: boolean) => (value ? t('yes') : t('no'));
  const present = sheet.sessions.map(
    (_, index) => sheet.trainees.filter((row) => isAttended(row.statuses[index])).length,
  );
  const flagged = sheet.trainees.filter((row) => row.flagged).length;
  return {
    columns: [
      { label: t('column.name'), kind: 'text' },
      { label: t('column.unit'), kind: 'text' },
      ...sheet.sessions.map((session) => ({
        label: `${session.date.slice(5)}${session.slot ? ` ${session.slot}` : ''}`,
        kind: 'text' as const,
      })),
      { label: t('column.attended'), kind: 'count' },
      { label: t('column.absences'), kind: 'count' },
      { label: t('figure.hours'), kind: 'hours' },
      { label: t('column.completed'), kind: 'text' },
      { label: t('column.check'), kind: 'text' },
    ],
    rows: [
      ...sheet.trainees.map((row) => [
        row.name,
        row.unit,
        ...row.statuses.map((status, index) => {
          if (status === null) return t('status.none');
          // An online session's minutes in its window, beside the status they made.
          const minutes = row.minutes?.[index];
          return minutes === null || minutes === undefined
            ? statusLabel(t, status)
            : t('statusMinutes', { status: statusLabel(t, status), minutes });
        }),
        row.attended,
        row.absences,
        row.hours,
        yesNo(row.completed),
        [
          row.flagged ? t('flagAbsences') : '',
          row.leftEarly ? t('flagLeftEarly', { count: row.leftEarly }) : '',
        ]
          .filter(Boolean)
          .join(t('listSeparator')),
      ]),
      [
        t('groupTotal'),
        t('traineesCount', { count: sheet.trainees.length }),
        ...present.map((count) => t('presentCount', { count })),
        sheet.trainees.reduce((sum, row) => sum + row.attended, 0),
        sheet.trainees.reduce((sum, row) => sum + row.absences, 0),
        Math.round(sheet.trainees.reduce((sum, row) => sum + row.hours, 0) * 1e6) / 1e6,
        String(sheet.trainees.filter((row) => row.completed).length),
        flagged > 0 ? t('flaggedCount', { count: flagged }) : '',
      ],
    ],
    totals: 1,
  };
}
