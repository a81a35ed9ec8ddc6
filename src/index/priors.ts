/**
 * Each entry's prior: how likely it is to be the character a person means,
 * before any query is seen, as a small signed number of points that the
 * ranking adds to how well the query matched (src/search/ranking.ts has that
 * scale). The build stores the evidence (src/ucd/priors.ts); the index weighs
 * it when it loads, with these points:
 *
 *   +20  CLDR names it in English: CLDR annotates the characters people use
 *   +6   an emoji shown as one by default (😸, every RGI sequence); +3 one
 *        shown as text unless asked (❤, ☺, ➡)
 *   +0…4 how early Unicode encoded it: the first characters are the ordinary
 *        ones, ❤ and → before 🤍 and 🡒 (1.1 → 4, to 3.2 → 2, to 6.0 → 1)
 *   +0…8 how many other characters and sequences point at it (a base letter or
 *        symbol is central, its variants are not)
 *   +0…10 for ideographs, how common
 *   −2   a capital letter (a query that wants one says CAPITAL, and matches only capitals)
 *   −4   a format character (INVISIBLE TIMES is rarely what `times` means)
 *   −6   an emoji with a skin tone (the toneless 👍 before its five variants, and
 *        🫡 SALUTING FACE before the five toned 🖖 VULCAN SALUTE for `salute`)
 *   −6   a presentation form (𝐀, Ａ, ﻻ, ㎏, Ω OHM SIGN), or a part of ideographs (⺫ CJK RADICAL EYE)
 *   −8   a combining mark, a deprecated character or a legacy-computing piece
 */

/** The evidence of one entry: bits of PRIOR, and its age class (0…3) at AGE_SHIFT. */
export const PRIOR = {
  cldrEnglish: 1 << 0,
  emoji: 1 << 1,
  textEmoji: 1 << 2,
  capital: 1 << 3,
  skinToned: 1 << 4,
  format: 1 << 5,
  presentationForm: 1 << 6,
  ideographPart: 1 << 7,
  combining: 1 << 8,
  deprecated: 1 << 9,
  legacy: 1 << 10,
} as const;

export const AGE_SHIFT = 11;
/** Centrality levels 0 … 8 in the low four bits of an entry's level byte, ideograph frequency 0 … 10 above. */
export const CENTRALITY_LEVELS = 9;
export const FREQUENCY_SHIFT = 4;

export interface PriorEvidence {
  /** Per entry: bits of PRIOR, and the age class at AGE_SHIFT. */
  features: Uint16Array;
  /** Per entry: centrality | frequency << FREQUENCY_SHIFT. */
  levels: Uint8Array;
}

export type PriorFeature = keyof typeof PRIOR;

export interface PriorWeights {
  /** Points of each feature; combining, deprecated and legacy count once, the least of them. */
  features: Record<PriorFeature, number>;
  /** Points by age class: later than 6.0, to 6.0, to 3.2, 1.1. */
  age: readonly number[];
  /** Points per centrality level and per frequency level. */
  centrality: number;
  frequency: number;
}

export const PRIOR_WEIGHTS: PriorWeights = {
  features: {
    cldrEnglish: 20,
    emoji: 6,
    textEmoji: 3,
    capital: -2,
    skinToned: -6,
    format: -4,
    presentationForm: -6,
    ideographPart: -6,
    combining: -8,
    deprecated: -8,
    legacy: -8,
  },
  age: [0, 1, 2, 4],
  centrality: 1,
  frequency: 1,
};

const MARGINAL: readonly PriorFeature[] = ['combining', 'deprecated', 'legacy'];

/**
 * The priors of every entry, in points, from its evidence: each distinct set
 * of features weighed when first met (58 of the 8,192 possible sets occur),
 * each level byte once, so an entry's prior is two table look-ups. Weighing
 * all 175,885 entries when the index loaded cost 7 to 20 ms of each start.
 */
export class Priors {
  private readonly features: Uint16Array;
  private readonly levels: Uint8Array;
  private readonly featurePoints = new Int16Array(1 << (AGE_SHIFT + 2)).fill(UNWEIGHED);
  private readonly levelPoints = new Int16Array(256);

  constructor({ features, levels }: PriorEvidence, private readonly weights: PriorWeights = PRIOR_WEIGHTS) {
    this.features = features;
    this.levels = levels;
    for (let level = 0; level < 256; level++) {
      this.levelPoints[level] = Math.round(weights.centrality * (level & 0xf) + weights.frequency * (level >> FREQUENCY_SHIFT));
    }
  }

  /** Entry i's prior, from −128 to 127. */
  of(i: number): number {
    const bits = this.features[i];
    let points = this.featurePoints[bits];
    if (points === UNWEIGHED) points = this.featurePoints[bits] = featurePoints(bits, this.weights);
    points += this.levelPoints[this.levels[i]];
    return points < -128 ? -128 : points > 127 ? 127 : points;
  }
}

/** A feature set not weighed yet (no set weighs this little). */
const UNWEIGHED = -0x8000;

function featurePoints(bits: number, weights: PriorWeights): number {
  let points = weights.age[bits >> AGE_SHIFT] ?? 0;
  let marginal = 0;
  for (const feature of Object.keys(PRIOR) as PriorFeature[]) {
    if (!(bits & PRIOR[feature])) continue;
    if (MARGINAL.includes(feature)) marginal = Math.min(marginal, weights.features[feature]);
    else points += weights.features[feature];
  }
  return points + marginal;
}
