/** The one line `build-index` prints, from the script and from the CLI alike. */
import type { BuildReport } from './build.js';

const n = (value: number): string => value.toLocaleString('en-US');

export function describeBuild(report: BuildReport): string {
  return (
    `index built in ${report.milliseconds.toFixed(0)} ms: ${n(report.charCount)} characters (${n(report.namedCount)} named), ${n(report.sequenceCount)} sequences, ` +
    `${n(report.vocabularySize)} words, ${n(report.keywordEntries)} keyword entries in ${report.languages} languages, ` +
    `${n(report.unihanEntries)} Unihan entries of ${n(report.unihanWords)} definition words and readings ` +
    `(${n(report.skippedSequences)} sequence annotations of no entry), ${n(report.indexTerms)} informal terms of the Names Index, ${n(report.shortcodes.aliases)} shortcodes of ${n(report.shortcodes.emoji)} emoji (${n(report.shortcodes.unmatched)} of no entry), ${n(report.htmlEntities.names)} HTML entity names of ${n(report.htmlEntities.entries)} characters (${n(report.htmlEntities.skipped)} of several code points of no entry), ${n(report.transliterated)} Cyrillic and Greek letters romanised, ${(report.bytes / 1024 / 1024).toFixed(1)} MB → ${report.path}; folding: ${report.folding}; ${n(report.variants.words)} vocabulary words with ${n(report.variants.variants)} variants stored, their lists merged over them in ${n(report.variants.mergedEntries)} entries`
  );
}
