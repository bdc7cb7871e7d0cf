/** 30 aspects in 3 criteria (10 each: 5 measured marks, 5 judged levels), weights 40/30/30. */
export const ASPECTS_PER_CRITERION = 10;

const levels = [0, 1, 2, 3].map((score) => ({ score, descriptor: `level ${score}` }));

export function benchScheme(): Record<string, unknown> {
  const weights = [40, 30, 30];
  return {
    expectedVersion: 0,
    criteria: weights.map((weight, c) => ({
      id: `c${c}`,
      name: `criterion ${c}`,
      weight,
      aspects: Array.from({ length: ASPECTS_PER_CRITERION }, (_, a) => ({
        id: `c${c}a${a}`,
        kind: a % 2 === 0 ? 'measurement' : 'judgement',
        entry: 'mark',
        description: `aspect ${a} of criterion ${c}`,
        maxMark: weight / ASPECTS_PER_CRITERION,
        ...(a % 2 === 0 ? {} : { levels }),
      })),
    })),
    rule: { judgesPerEntry: 3, aggregation: 'mean', maxSpread: 3 },
  };
}

/** Stored values: measurements in hundredths (≤ max), judgements as levels 0–3. */
export function benchMarks(entry: number, judge: number): Record<string, number> {
  const marks: Record<string, number> = {};
  [40, 30, 30].forEach((weight, c) => {
    for (let a = 0; a < ASPECTS_PER_CRITERION; a += 1) {
      const max = (weight / ASPECTS_PER_CRITERION) * 100;
      marks[`c${c}a${a}`] = a % 2 === 0 ? Math.round((max * ((entry * 7 + a) % 11)) / 10) : (entry + a + (judge % 2)) % 4;
    }
  });
  return marks;
}
