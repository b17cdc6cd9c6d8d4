/** The command line as a contract: help, languages, formats, the demo. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { catalogueFor, messageKeys } from '../src/i18n/index.js';
import { loadedSmall, ROOT, runCli } from './helpers.js';

const COMMANDS = [
  'init',
  'import',
  'imports',
  'imports list',
  'imports undo',
  'export',
  'report',
  'report quarterly',
  'report annual',
  'report trainee',
  'report class',
  'report coverage',
  'filed',
  'filed list',
  'filed diff',
  'trainee',
  'trainee list',
  'trainee show',
  'trainee add',
  'trainee edit',
  'trainee leave',
  'trainee merge',
  'trainee duplicates',
  'class',
  'class list',
  'class show',
  'class add',
  'class edit',
  'class cancel',
  'attend',
  'completion',
  'db',
  'db backup',
  'db restore',
  'db check',
  'demo',
];

describe('help', () => {
  it.each(COMMANDS)('peixun %s --help has a description and examples', (command) => {
    const result = runCli([...command.split(' '), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: peixun');
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('$ peixun');
  });

  it('every command is in the README command reference', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const reference = readme.slice(readme.indexOf('## Command reference'));
    for (const command of COMMANDS) expect(reference).toContain(`peixun ${command}`);
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(runCli(['--version']).stdout.trim()).toBe(version);
  });
});

describe('languages', () => {
  it('zh and en have the same keys and the same placeholders', () => {
    const zh = catalogueFor('zh');
    const en = catalogueFor('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of messageKeys) expect([key, placeholders(en[key])]).toEqual([key, placeholders(zh[key])]);
  });

  it('--lang, then PEIXUN_LANG, then the locale', () => {
    expect(runCli(['report', '--help'], { LANG: 'zh_CN.UTF-8' }).stdout).toContain('示例');
    expect(runCli(['report', '--help'], { LANG: 'zh_CN.UTF-8', PEIXUN_LANG: 'en' }).stdout).toContain(
      'Examples',
    );
    expect(runCli(['--lang', 'en', 'report', '--help'], { PEIXUN_LANG: 'zh' }).stdout).toContain('Examples');
    expect(runCli(['--lang', 'zh', 'report', '--help']).stdout).toContain('示例');
  });
});

describe('report formats', () => {
  it('a table aligned with Chinese text, rates as percentages, null as —', () => {
    const peixun = loadedSmall();
    const { stdout, stderr } = peixun.ok(
      '--lang',
      'zh',
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'class-type',
    );
    const lines = stdout.split('\n').filter((line) => /^[│┌├└]/.test(line));
    const widths = new Set(lines.map((line) => stringWidth(line)));
    expect(widths.size).toBe(1);
    expect(stdout).toContain('班级类型');
    // 轮训: attended 7 of 12 = 58.3%; completed 1 of 4 = 25.0%; 示范培训 has no records: —.
    expect(stdout).toMatch(/轮训\s+│\s+1 │\s+3 │\s+3 │\s+14 │\s+4\.7 │\s+58\.3% │\s+25\.0% │/);
    expect(stdout).toMatch(/示范培训\s+│\s+1 │\s+0 │\s+0 │\s+0 │\s+— │\s+— │\s+— │/);
    expect(stderr).toContain('注意：1 个培训班没有签到记录：K4');
  });

  it('CSV with a BOM for people, without for machines, format from --out', () => {
    const peixun = loadedSmall();
    const out = join(peixun.folder, 'q3.csv');
    peixun.ok('report', 'quarterly', '2023Q3', '--by', 'unit', '--level', 'subdistrict', '--out', out);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(
      'Unit,Classes,Participant-times,Participants,Hours,Hours/participant,Attendance,Completion,Coverage\r\n',
    );
    expect(text).toContain('高境镇,3,5,3,23,7.7,66.7%,50.0%,100.0%\r\n');
    expect(text).toContain('(none),1,1,1,4,4,100.0%,100.0%,100.0%\r\n');
    const plain = peixun.ok('report', 'quarterly', '2023Q3', '--format', 'csv', '--no-bom').stdout;
    expect(plain.startsWith('Group,Classes')).toBe(true);
  });

  it('Markdown', () => {
    const peixun = loadedSmall();
    const md = peixun.ok('report', 'quarterly', '2023Q3', '--by', 'class-type', '--format', 'md').stdout;
    expect(md).toContain('| Class type | Classes |');
    expect(md).toContain('| 专题培训 | 2 | 5 | 5 | 19 | 3.8 | 80.0% | 60.0% |');
  });
});

describe('demo', () => {
  it('loads the bundled sample and prints 2023 Q3 by street/town', () => {
    const result = runCli(['--lang', 'zh', 'demo']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2023Q3 培训统计（2023-07-01 至 2023-09-30）');
    for (const town of [
      '友谊路街道',
      '吴淞街道',
      '张庙街道',
      '罗店镇',
      '大场镇',
      '杨行镇',
      '月浦镇',
      '罗泾镇',
      '顾村镇',
      '高境镇',
      '庙行镇',
      '淞南镇',
    ]) {
      expect(result.stdout).toContain(town);
    }
    expect(result.stdout).toMatch(/合计/);
  });
});
