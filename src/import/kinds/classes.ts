/** A list of classes (培训班): code, name, type, organiser, dates, planned hours, plan. */
import { canonicalHead, type KindSpec, type RecordContext, type RecordTable } from './spec.js';
import { ClassStore, PlanStore } from '../../db/classes.js';
import { classRecords } from '../../db/records.js';
import { classHandler } from '../classes.js';
import { CLASS_CODE, CLASS_STATUS } from './columns.js';

export const classesKind: KindSpec<'classes'> = {
  kind: 'classes',
  fields: [
    { ...CLASS_CODE, field: 'code' },
    {
      field: 'name',
      headers: ['班级名称', '培训班名称', '班名', '班次名称', '培训班次名称', '培训名称', 'class_name'],
    },
    { field: 'type', headers: ['班级类型', '培训类型', '班型', 'class_type'] },
    { field: 'organiser', headers: ['主办单位', '承办单位', '组织单位', 'organiser', 'organizer'] },
    { field: 'startDate', headers: ['开始日期', '开班日期', 'start_date'] },
    { field: 'endDate', headers: ['结束日期', '结业日期', 'end_date'] },
    // Both dates in one cell, as class lists write them: 2023.5.10-5.24 (parseDateRange).
    {
      field: 'dates',
      headers: ['培训时间', '培训日期', '举办时间', '培训期间', '起止日期', '起止时间', '办班时间'],
    },
    { field: 'plannedHours', headers: ['计划学时', '学时', 'planned_hours'] },
    { field: 'venue', headers: ['地点', '培训地点', 'venue'] },
    { field: 'status', headers: ['状态', 'status'] },
    { field: 'plan', headers: ['计划编号', '所属计划', '培训计划', 'plan_code', 'plan'] },
  ],
  required: [['code'], ['name'], ['startDate', 'dates']],
  keyFields: ['code', 'name'],
  ownColumns: ['startDate', 'dates'],
  titleWords: /培训班|班次|班级/,
  handler: (setup) =>
    classHandler(new ClassStore(setup.db), new PlanStore(setup.db), setup.units(), setup.writer),
  records: ({ db, units, text, number }: RecordContext): RecordTable => {
    return {
      sheetName: '培训班',
      // The export writes 开始日期 and 结束日期, not both again in one 培训时间.
      head: canonicalHead(classesKind.fields.filter((field) => field.field !== 'dates')),
      rows: classRecords(db).map((klass) => [
        klass.code,
        klass.name,
        klass.type,
        units.path(klass.organiserUnitId),
        klass.startDate,
        text(klass.endDate),
        number(klass.plannedHours),
        text(klass.venue),
        klass.status ? (CLASS_STATUS[klass.status] ?? '') : '',
        text(klass.planCode),
      ]),
    };
  },
};
