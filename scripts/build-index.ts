/** Build the index artefact from the Unicode data and CLDR: run by `npm install` (prepare) and `charfinder build-index`. */
import { buildIndex } from '../src/ucd/build.js';
import { DEFAULT_INDEX_PATH } from '../src/index/paths.js';
import { describeBuild } from '../src/ucd/report.js';

console.log(`charfinder: ${describeBuild(await buildIndex(process.argv[2] ?? DEFAULT_INDEX_PATH))}`);
