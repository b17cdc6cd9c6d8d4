/** A QR sign-in form's export (问卷星): one submission a row. */
import type { KindSpec } from './spec.js';
import { formHandler } from '../form.js';
import {
  CATEGORY,
  CLASS_CODE,
  ID_NUMBER,
  NAME,
  PHONE,
  POSITION,
  UNIT_FIELDS,
  onlineLookups,
  onlineOptions,
} from './columns.js';

export const formKind: KindSpec<'form'> = {
  kind: 'form',
  // A QR sign-in form's export (formats.md, "Form sign-ins"): one submission a row.
  fields: [
    {
      field: 'submittedAt',
      // 问卷星, 腾讯问卷 (结束答题时间), 金数据 (填写时间), 企业微信 and 钉钉 forms (填报时间).
      headers: [
        '提交答卷时间',
        '提交时间',
        '填写时间',
        '答题时间',
        '结束答题时间',
        '填报时间',
        'submitted_at',
      ],
    },
    { field: 'startedAt', headers: ['开始答题时间'] },
    // The platform's own columns: read past, not named as unused.
    // 编号 beside a form's times is the submission's number (腾讯问卷), not a class code.
    { field: 'serial', headers: ['序号', '编号'] },
    { field: 'timeTaken', headers: ['所用时间', '答题用时', '答题时长'] },
    { field: 'source', headers: ['来源', '来源渠道'] },
    { field: 'sourceDetail', headers: ['来源详情'] },
    { field: 'ip', headers: ['来自ip', '来自IP', 'IP地址', 'ip'] },
    NAME,
    ID_NUMBER,
    { field: 'phone', headers: [...PHONE.headers, '手机号码', '联系方式'] },
    ...UNIT_FIELDS,
    POSITION,
    CATEGORY,
    { ...CLASS_CODE, headers: CLASS_CODE.headers.filter((header) => header !== '编号') },
  ],
  required: [['submittedAt'], ['idNumber', 'name']],
  keyFields: ['submittedAt', 'name', 'idNumber'],
  ownColumns: ['submittedAt'],
  titleWords: /问卷|表单|扫码/,
  handler: (setup) =>
    formHandler(setup.signIn(), onlineLookups(setup), onlineOptions(setup), setup.writer, setup.tally),
};
