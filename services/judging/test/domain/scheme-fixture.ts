import type { JudgementAspect, SchemeDefinition } from '../../src/domain/scheme-types';

export function judgement(id: string, maxMark: number): JudgementAspect {
  return {
    id,
    kind: 'judgement',
    description: `quality of ${id}`,
    maxMark,
    levels: [
      { score: 0, descriptor: 'below industry standard' },
      { score: 1, descriptor: 'meets industry standard' },
      { score: 2, descriptor: 'meets and exceeds in some respects' },
      { score: 3, descriptor: 'excellent, beyond expectations' },
    ],
  };
}

/** Two criteria: A (60 points: a measurement of 30, a pass/fail of 10, a judgement of 20), B (40: one judgement). */
export function sampleScheme(): SchemeDefinition {
  return {
    criteria: [
      {
        id: 'A',
        name: 'Data pipeline',
        weight: 6000,
        aspects: [
          { id: 'a1', kind: 'measurement', description: 'rows loaded correctly', maxMark: 3000, entry: 'mark' },
          { id: 'a2', kind: 'measurement', description: 'pipeline runs end to end', maxMark: 1000, entry: 'pass-fail' },
          judgement('a3', 2000),
        ],
      },
      { id: 'B', name: 'Presentation', weight: 4000, aspects: [judgement('b1', 4000)] },
    ],
    rule: { judgesPerEntry: 3, aggregation: 'mean', maxSpread: 1 },
  };
}
