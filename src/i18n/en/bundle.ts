import type { bundle as zh } from '../zh/bundle.js';

/** Settings, district bundles and the city's roll-up. Every key of the Chinese catalogue, or the build fails. */
export const bundle: Record<keyof typeof zh, string> = {
  cmdConfig: "show or change this register's settings (the city key, its district)",
  cmdConfigList: 'list every setting',
  cmdConfigGet: 'show one setting',
  cmdConfigSet: 'change one setting',
  cmdConfigUnset: 'remove one setting',
  argConfigName: 'setting: {names}',
  argConfigValue: 'its value',
  configTitle: "This register's settings",
  configColumnName: 'Setting',
  configColumnValue: 'Value',
  configValueUnset: '(not set)',
  configColumnAbout: 'About',
  configValueFallback: '(not set: {value})',
  'configAbout.city-key': "the city's pseudonym key for bundles, shown by its fingerprint only",
  'configAbout.district': 'the district this register speaks for in bundles',
  'configAbout.report.unit': 'the reporting unit under a report',
  'configAbout.certificate.prefix': 'before every certificate number, such as 宝组培',
  'configAbout.report.person': 'who fills in a report',
  'configAbout.report.phone': 'the contact phone under a report',
  'configAbout.required-hours': 'training hours each person must reach a year',
  'configAbout.required-online-hours': 'of them, hours of online learning a year',
  'configAbout.online-present-ratio': "an online session's share a person must be in to be present",
  'configAbout.late-grace-minutes': "minutes after a session's start a sign-in is still on time",
  'configAbout.required-hours.category': "one category's hours a year (over required-hours)",
  'configAbout.required-online-hours.category': "one category's online hours a year",
  configValueSecret: 'set (fingerprint {fingerprint})',
  configSetDone: 'set {name}: {value}',
  configUnsetDone: 'removed the setting {name}',
  configWasNotSet: '{name} was not set',
  configNotSet: '{name} is not set',
  configUnknown: 'no setting named "{name}" (there are: {names})',
  configEmpty: '{name} cannot be empty',
  configHours: '{name} takes a number of hours (0 or more): {value}',
  configPhone: '{name} takes a mobile number or a landline with its area code',
  districtUnknown:
    'which district this register speaks for is not clear (districts in it: {names}); say it with peixun config set district NAME',
  cmdBundle: 'make the bundle the city receives (pseudonyms instead of ID numbers; no names, no phones)',
  optOutBundle: 'bundle file (SQLite; required)',
  bundleNeedsOut: 'say where the bundle goes with --out, e.g. --out baoshan-2026Q3.peixun',
  cityKeyMissing:
    "no city key: a bundle's pseudonyms are made with the key the city sends out. Set it first: peixun config set city-key KEY",
  bundleWritten:
    'wrote the bundle {file}: {district} {label}, {classes} {classes:class|classes}, {participantTimes} participant-times, {participants} {participants:participant|participants} (as the report counts them)',
  bundleLocalPeople:
    'of them {count} without an ID number: their pseudonyms hold in this bundle only, and the city counts them per district',
  bundleSeal: 'key fingerprint {fingerprint}; hash {hash}',
  cmdRollup:
    "combine the districts' bundles into the city's training summary (a person trained in two districts counts once)",
  argBundles: "the districts' bundle files",
  optExpect: 'the districts expected: how many, or a file of their names, one per line',
  optReplace: 'where a district sent several bundles for the period, take the one made last',
  rollupNoBundles: 'no bundles given',
  badExpect: '--expect takes a number of districts or a file of district names, one per line: {value}',
  bundleNotOne: '{file} is not a peixun bundle, or it is damaged',
  bundleChanged:
    '{file} was changed after it was made (its hash does not match); it is not used: ask the district to make and send it again',
  bundleFormat: '{file} is a {format}; this peixun reads {known}: upgrade peixun',
  bundleOtherKey:
    "{file} was made under another key (fingerprint {fingerprint}, expected {expected}): its pseudonyms match no other district's, so it is not used",
  bundleOtherPeriod: '{file} covers {period}, not {expected} like the others',
  bundleSameDistrict:
    '{district} sent several bundles for the period: {files} (--replace takes the one made last)',
  bundleInconsistent:
    '{file}: its rows do not give the total "{figure}" it states; it is not used: ask the district to make it again',
  rollupTitle: '{label} city training summary ({from} to {to}){by}',
  rollupDistricts: 'Combined from the bundles of {count} {count:district|districts}: {names}.',
  rollupMultiDistrict:
    '{count} {count:person was|people were} trained in more than one district; each counts once in Participants.',
  rollupLocal:
    '{count} {count:participant has|participants have} no ID number and cannot be matched across districts: each district counts its own.',
  rollupCoverageNote:
    "Coverage's denominator is the sum of each district's active trainees on the day it made its bundle.",
  rollupMissingCount: '{count} of the {expected} districts expected sent no bundle',
  rollupMissingNames: 'no bundle from {count} {count:district|districts}: {names}',
  rollupUnexpected: 'districts not on the expected list: {names}',
  rollupReplaced: '{district}: a later bundle is used instead of {file}',
  'by.district': 'District',
  bundleInvalid: '{file} is not a bundle as peixun makes it; nothing was counted: {reason}',
  rollupNeedsKey:
    "this register ({db}) holds no city key, so no bundle's seal can be checked: peixun config set city-key first",
  cityKeyWeak:
    'a city key carries at least {bits} random bits: 32 hexadecimal digits or 22 base64 characters; make one with openssl rand -hex 16 (use the key the city sent out)',
  rollupOlderFormat:
    "the bundles of {names} are of the older format (peixun-bundle/1), without online and offline hours, platform hours and mentoring pairs: the city's figures for these are not available (—); have them made again with this peixun",
  districtNotHeld:
    'the register holds no district "{value}"; it holds: {names} (a bundle speaks only for a district the register holds)',
  districtNotShanghai: '"{value}" is not a district of Shanghai; did you mean: {names}',
  bundleLeftOutClasses: 'left out: {count} {count:class|classes} organised by other districts: {codes}',
  bundleLeftOutTrainees:
    'left out of coverage: {count} active {count:trainee|trainees} of {districts} other {districts:district|districts}',
  parquetNeedsOut: '--format parquet needs --out FOLDER',
  parquetWritten:
    'wrote Parquet to {folder} ({districts} {districts:district|districts}; tables {tables}, partitioned district=/period=)',
  optBundleFormat:
    'bundle (the default: a sealed bundle file) or parquet (--out a folder, for an engine past one machine)',
};
