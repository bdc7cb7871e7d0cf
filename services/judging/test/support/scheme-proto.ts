import { judgingV1 } from '@digicraft/contracts';

const levels = [0, 1, 2, 3].map((score) => ({ score, descriptor: `level ${score} descriptor` }));

/** Criterion A (60): measurement a1 (40, mark) + judgement a2 (20); criterion B (40): judgement b1. */
export function protoScheme(): { criteria: judgingV1.Criterion[]; rule: judgingV1.JudgementRule } {
  return {
    criteria: [
      {
        criterionId: 'A',
        name: 'Model quality',
        weightHundredths: 6000,
        aspects: [
          { aspectId: 'a1', description: 'accuracy on the hidden test set', kind: judgingV1.AspectKind.ASPECT_KIND_MEASUREMENT, maxMarkHundredths: 4000, measurementEntry: judgingV1.MeasurementEntry.MEASUREMENT_ENTRY_MARK, levels: [] },
          { aspectId: 'a2', description: 'feature engineering', kind: judgingV1.AspectKind.ASPECT_KIND_JUDGEMENT, maxMarkHundredths: 2000, measurementEntry: judgingV1.MeasurementEntry.MEASUREMENT_ENTRY_UNSPECIFIED, levels },
        ],
      },
      {
        criterionId: 'B',
        name: 'Presentation',
        weightHundredths: 4000,
        aspects: [{ aspectId: 'b1', description: 'clarity of the report', kind: judgingV1.AspectKind.ASPECT_KIND_JUDGEMENT, maxMarkHundredths: 4000, measurementEntry: judgingV1.MeasurementEntry.MEASUREMENT_ENTRY_UNSPECIFIED, levels }],
      },
    ],
    rule: { judgesPerEntry: 2, aggregation: judgingV1.Aggregation.AGGREGATION_MEAN, maxSpreadHundredths: 100 },
  };
}
