/**
 * The trainee categories (人员类别) of grassroots-governance training as offices write them. Several differ in one
 * character and are different people (居委会主任, 村委会主任, 业委会主任): a new category that is one of these is a
 * category of its own, never a slip for another.
 */
export const COMMON_CATEGORIES: ReadonlySet<string> = new Set([
  '居村党组织书记',
  '居民区党组织书记',
  '村党组织书记',
  '居委会主任',
  '村委会主任',
  '居委会委员',
  '村委会委员',
  '社区工作者',
  '业委会主任',
  '业委会委员',
  '物业负责人',
  '物业经理',
  '物业项目经理',
  '社区志愿者',
  '志愿者',
  '社区合伙人',
  '后备干部',
  '居村后备干部',
  '第二梯队',
]);
