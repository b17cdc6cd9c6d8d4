/** The database and files: opening, migrating, backups, checks, writing. */
export const db = {
  dbMissing: '数据库 {path} 不存在（先导入数据，或运行 peixun init）',
  dbForeignSchema: '数据库 {path} 的结构与 peixun 创建的不一致（表、索引、触发器或视图被改动），不予打开',
  dbNotAFile: '{path} 不是数据库文件（文件夹、设备或管道），请用 --db 给出文件名',
  dbTooNew:
    '数据库 {path} 由更新版本的 peixun 创建（结构版本 {version}，本程序支持到 {supported}）；未做任何改动',
  dbBusy: '数据库 {path} 正被另一个命令写入，请稍后再试（database busy）',
  dbDamaged: '数据库 {path} 已损坏或不是 peixun 数据库：{reason}',
  dbCannotOpen: '无法打开数据库 {path}：{reason}',
  fileIsDirectory: '{file} 是文件夹，请给出文件名',
  fileFolderMissing: '无法写入 {file}：所在文件夹不存在',
  filePermission: '无法写入 {file}：没有权限',
  fileDiskFull: '无法写入 {file}：磁盘已满，未写入任何内容',
  fileWriteFailed: '无法写入 {file}：{reason}',
  restoreDamaged: '{file} 已损坏（{reason}），不能用来恢复',
  restoreNotPeixun: '{file} 不是 peixun 的数据库，不能用来恢复',
} as const;
