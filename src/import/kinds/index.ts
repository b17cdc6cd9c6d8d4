/**
 * Every import kind, in the order a folder of files is imported (what a row names must be there first: people,
 * plans and classes before sign-ins). A new kind is a file of its own beside these, listed here.
 */
import { attendanceKind } from './attendance.js';
import { classesKind } from './classes.js';
import { coursesKind } from './courses.js';
import { enrolmentsKind } from './enrolments.js';
import { formKind } from './form.js';
import { meetingKind } from './meeting.js';
import { mentoringKind } from './mentoring.js';
import { onlineKind } from './online.js';
import { plansKind } from './plans.js';
import { projectsKind } from './projects.js';
import { teachersKind } from './teachers.js';
import { timetableKind } from './timetable.js';
import { traineesKind } from './trainees.js';
import { venuesKind } from './venues.js';

export const KINDS = [
  traineesKind,
  plansKind,
  classesKind,
  teachersKind,
  venuesKind,
  coursesKind,
  timetableKind,
  enrolmentsKind,
  attendanceKind,
  meetingKind,
  formKind,
  onlineKind,
  mentoringKind,
  projectsKind,
] as const;

export type ImportKind = (typeof KINDS)[number]['kind'];
