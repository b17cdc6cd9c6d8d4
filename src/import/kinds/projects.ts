/** Practice projects (实践项目) that classes incubate. */
import type { KindSpec, RecordContext, RecordTable } from './spec.js';
import { ClassStore, ProjectStore } from '../../db/classes.js';
import { projectRecords } from '../../db/records.js';
import { projectHandler } from '../courses.js';

export const projectsKind: KindSpec<'projects'> = {
  kind: 'projects',
  fields: [
    { field: 'code', headers: ['项目编号', '编号', 'project_code', 'code'] },
    { field: 'name', headers: ['项目名称', '名称', 'project_name', 'name'] },
    { field: 'unit', headers: ['所属单位', '单位', '申报单位', 'unit'] },
    { field: 'approvedOn', headers: ['立项日期', '立项时间', 'approved_on'] },
    { field: 'status', headers: ['状态', '项目状态', 'status'] },
    { field: 'sourceClass', headers: ['来源班级', '来源培训班', '孵化班级', 'source_class'] },
  ],
  required: [['code'], ['name']],
  keyFields: ['code', 'name'],
  ownColumns: ['approvedOn', 'sourceClass'],
  titleWords: /项目/,
  handler: (setup) =>
    projectHandler(new ProjectStore(setup.db), new ClassStore(setup.db), setup.units(), setup.writer),
  records: ({ db, units, text }: RecordContext): RecordTable => {
    return {
      sheetName: '实践项目',
      head: ['项目编号', '项目名称', '所属单位', '立项日期', '状态', '来源班级'],
      rows: projectRecords(db).map((project) => [
        project.code,
        project.name,
        units.path(project.unitId),
        text(project.approvedOn),
        text(project.status),
        text(project.sourceClass),
      ]),
    };
  },
};
