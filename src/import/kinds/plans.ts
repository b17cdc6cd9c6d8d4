/** Training plans (培训计划): what a year or quarter should deliver. */
import { canonicalHead, type KindSpec, type RecordContext, type RecordTable } from './spec.js';
import { PlanStore } from '../../db/classes.js';
import { planRecords } from '../../db/records.js';
import { planHandler } from '../plans.js';

export const plansKind: KindSpec<'plans'> = {
  kind: 'plans',
  fields: [
    { field: 'code', headers: ['计划编号', '编号', 'plan_code', 'code'] },
    { field: 'name', headers: ['计划名称', '名称', '培训计划', 'plan_name', 'name'] },
    { field: 'kind', headers: ['计划类别', '类别', '计划类型', 'kind'] },
    { field: 'year', headers: ['年度', '年份', 'year'] },
    { field: 'quarter', headers: ['季度', 'quarter'] },
    { field: 'organiser', headers: ['主办单位', '承办单位', '组织单位', 'organiser', 'organizer'] },
    { field: 'targetCategory', headers: ['对象类别', '培训对象', '人员类别', 'target_category'] },
    { field: 'plannedClasses', headers: ['计划班次', '班次', 'planned_classes'] },
    { field: 'plannedParticipantTimes', headers: ['计划人次', '人次', 'planned_participant_times'] },
    { field: 'plannedHours', headers: ['计划学时', '学时', 'planned_hours'] },
  ],
  required: [['code'], ['name'], ['year']],
  keyFields: ['code', 'name'],
  ownColumns: ['year'],
  titleWords: /计划/,
  handler: (setup) => planHandler(new PlanStore(setup.db), setup.units(), setup.writer),
  records: ({ db, units, text, number }: RecordContext): RecordTable => {
    return {
      sheetName: '培训计划',
      head: canonicalHead(plansKind.fields),
      rows: planRecords(db).map((plan) => [
        plan.code,
        plan.name,
        text(plan.kind),
        plan.year,
        number(plan.quarter),
        units.path(plan.organiserUnitId),
        text(plan.targetCategory),
        number(plan.plannedClasses),
        number(plan.plannedParticipantTimes),
        number(plan.plannedHours),
      ]),
    };
  },
};
