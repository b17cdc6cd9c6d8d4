/** Everyday edits of the register: trainees, classes, sign-in at the door. */
export const register = {
  traineeNotFound: '没有身份证号或姓名为“{query}”的学员',
  traineeQueryAmbiguous: '有多名学员叫“{query}”，请用身份证号：',
  classNotFound: '没有班级编号为 {code} 的培训班',
  sheetCancelled: '培训班 {code} 已取消，没有需要签到的课',
  sheetNeedsDate: '哪一次课？培训班 {code} 的日期为 {start} 至 {end}，已有签到记录：请用 --date 指定日期',
  optionProblem: '{option}: {message}',
  editRejected: '内容有误，未做任何改动：',
  traineeExists: '已有这个身份证号的学员：{name}（{id}）',
  mergeSelf: '不能把一条记录和它自己合并',
  mergeTwoIds: '两条记录的身份证号不同（{keep}、{drop}），是两个人，不能合并',
  mergeClash: '两条记录在同一场次都有签到，合并后会重复，未做任何改动：',
  classExists: '班级编号 {code} 已存在',
} as const;
