import type { register as zh } from '../zh/register.js';

/** Everyday edits of the register: trainees, classes, sign-in at the door. Every key of the Chinese catalogue, or the build fails. */
export const register: Record<keyof typeof zh, string> = {
  traineeNotFound: 'no trainee with the ID number or name "{query}"',
  traineeQueryAmbiguous: 'several trainees are called "{query}"; use the ID number:',
  classNotFound: 'no class with code {code}',
  sheetCancelled: 'class {code} is cancelled: it has no sessions to sign in to',
  sheetNeedsDate: 'which session? class {code} runs {start} to {end} and has sessions already: give --date',
  optionProblem: '{option}: {message}',
  editRejected: 'rejected, nothing was changed:',
  traineeExists: 'a trainee with this ID number exists: {name} ({id})',
  mergeSelf: 'a record cannot be merged with itself',
  mergeTwoIds: 'the records have different ID numbers ({keep}, {drop}): two people, not merged',
  mergeClash:
    'both records have a sign-in for the same session; merged, they would clash. Nothing was changed:',
  classExists: 'class code {code} exists already',
};
