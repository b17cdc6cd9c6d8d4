import type { db as zh } from '../zh/db.js';

/** The database and files: opening, migrating, backups, checks, writing. Every key of the Chinese catalogue, or the build fails. */
export const db: Record<keyof typeof zh, string> = {
  dbMissing: 'database {path} does not exist (import some data first, or run peixun init)',
  dbForeignSchema:
    'database {path} is not as peixun made it (tables, indexes, triggers or views were changed); it is not opened',
  dbNotAFile: '{path} is not a database file (a folder, device or pipe); give a file name with --db',
  dbTooNew:
    'database {path} was made by a newer peixun (schema version {version}; this one supports up to {supported}); nothing was changed',
  dbBusy: 'database {path} is being written by another command; try again shortly (database busy)',
  dbDamaged:
    'database {path} is damaged or not a peixun database; nothing was changed. Restore it from a backup (peixun db restore FILE), or check another file with peixun db check',
  dbDiskFull: 'the disk holding {path} is full; nothing was written. Free some space and try again',
  dbCannotOpen: 'cannot open database {path}: {reason}',
  'dbReason.cantOpen': 'no permission to read and write it, or its folder does not exist',
  'dbReason.readOnly': 'the file or its folder is read-only',
  'dbReason.io': 'a read or write failed (the disk or a network drive)',
  fileIsDirectory: '{file} is a folder; give a file name',
  fileFolderMissing: 'cannot write {file}: its folder does not exist',
  filePermission: 'cannot write {file}: permission denied',
  fileDiskFull: 'cannot write {file}: the disk is full; nothing was written',
  fileWriteFailed: 'cannot write {file}: {reason}',
  restoreDamaged: '{file} is damaged ({reason}); it cannot be restored',
  restoreNotPeixun: '{file} is not a peixun database; it cannot be restored',
  checkSchema: 'schema: {difference}',
  checkIntegrity: 'SQLite integrity check: {detail}',
  checkForeignKey: 'foreign_key_check: {table} row {row} → {parent}',
  checkRecords: '{what}: {ids}',
  'check.unitNotBelowParent': 'unit not below its parent',
  'check.rowOfUndoneBatch': '{table} row of a missing or undone batch',
  'check.changeOfUndoneBatch': 'change kept for an undone batch',
  'check.staleEnrolment': 'enrolment whose unit or category is not its trainee’s on the class’s start',
  'check.staleTrainee': 'trainee whose unit or category is not the latest of their history',
  'check.classEndsBeforeStart': 'class ending before it starts',
  'check.staleEffectiveUnit': 'history statement whose effective unit is not the rule’s',
  'check.wrongCheckDigit': 'trainee whose ID number has a wrong check digit',
  migratedSessionDisagreed:
    "upgrade: the lines of session {session} gave different {field}s; kept the most lines' {kept} (besides {others}); correct it with peixun session edit",
  'sessionField.course_id': 'course',
  'sessionField.teacher': 'teacher',
  'sessionField.venue': 'venue',
  'sessionField.online': 'mode',
  'sessionField.start_time': 'start time',
  'sessionField.end_time': 'end time',
  'sessionField.hours': 'hours',
  'sessionField.slot': 'slot',
  sessionSlotTaken: 'the class already has a {slot} session on {date}: this one cannot be moved there',
  'check.recordOfOtherClass': "sign-in whose session is not its enrolment's class's",
  restoreUnsound: '{file} is not a sound register (db check finds what follows); it cannot be restored',
  outNotRegular:
    '{file} is no regular file (a device, pipe or socket) and is never replaced; give another file name',
  registerCreated: 'new register made: {path}',
  askCreateRegister: 'No register here: make a new one at {path}?',
  registerNotCreated:
    'no register made at {path}, nothing changed; name an existing register with --db or PEIXUN_DB',
};
