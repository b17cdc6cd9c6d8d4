/** Mentoring pairs (带教结对). */
import type { KindSpec, RecordContext, RecordTable } from './spec.js';
import { mentorshipRecords } from '../../db/mentorships.js';
import { mentoringHandler } from '../mentoring.js';
import { UNIT_FIELDS } from './columns.js';

export const mentoringKind: KindSpec<'mentoring'> = {
  kind: 'mentoring',
  // Mentoring pairs (带教): the two people, each by ID number or name, and the pair's days.
  fields: [
    {
      field: 'mentorIdNumber',
      headers: [
        '带教人身份证号',
        '带教人身份证',
        '带教人证件号码',
        '师傅身份证号',
        '导师身份证号',
        'mentor_id_number',
      ],
    },
    {
      field: 'mentorName',
      headers: ['带教人', '带教人姓名', '带教老师', '师傅', '师傅姓名', '导师', '导师姓名', 'mentor'],
    },
    {
      field: 'menteeIdNumber',
      headers: ['被带教人身份证号', '被带教人身份证', '被带教人证件号码', '徒弟身份证号', 'mentee_id_number'],
    },
    { field: 'menteeName', headers: ['被带教人', '被带教人姓名', '带教对象', '徒弟', '徒弟姓名', 'mentee'] },
    ...UNIT_FIELDS,
    { field: 'from', headers: ['开始日期', '起始日期', '结对日期', '带教开始日期', 'from'] },
    { field: 'to', headers: ['结束日期', '截止日期', '带教结束日期', 'to'] },
  ],
  required: [['mentorIdNumber', 'mentorName'], ['menteeIdNumber', 'menteeName'], ['from']],
  keyFields: ['mentorIdNumber', 'mentorName', 'menteeIdNumber', 'menteeName'],
  ownColumns: ['mentorIdNumber', 'mentorName', 'menteeIdNumber', 'menteeName'],
  titleWords: /带教|结对|以老带新/,
  handler: (setup) => mentoringHandler(setup.db, setup.signIn(), setup.writer, setup.tally),
  records: ({ db, text }: RecordContext): RecordTable => {
    return {
      sheetName: '带教',
      head: ['带教人', '带教人身份证号', '被带教人', '被带教人身份证号', '开始日期', '结束日期'],
      rows: mentorshipRecords(db).map((pair) => [
        pair.mentor,
        text(pair.mentorIdNumber),
        pair.mentee,
        text(pair.menteeIdNumber),
        pair.from,
        text(pair.to),
      ]),
    };
  },
};
