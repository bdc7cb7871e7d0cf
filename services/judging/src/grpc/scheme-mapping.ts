import { judgingV1 } from '@digicraft/contracts';
import { DigiCraftError } from '@digicraft/errors';
import { DEFAULT_RESULTS_CONFIG, type ResultsConfig } from '../domain/ranking';
import type { Aggregation, Aspect, Criterion, JudgementRule, SchemeDefinition } from '../domain/scheme-types';
import type { SchemeDoc } from '../store/documents';

const AGGREGATION_FROM: Partial<Record<judgingV1.Aggregation, Aggregation>> = {
  [judgingV1.Aggregation.AGGREGATION_UNSPECIFIED]: 'mean',
  [judgingV1.Aggregation.AGGREGATION_MEAN]: 'mean',
  [judgingV1.Aggregation.AGGREGATION_MEDIAN]: 'median',
  [judgingV1.Aggregation.AGGREGATION_TRIMMED_MEAN]: 'trimmed-mean',
};

const AGGREGATION_TO: Record<Aggregation, judgingV1.Aggregation> = {
  mean: judgingV1.Aggregation.AGGREGATION_MEAN,
  median: judgingV1.Aggregation.AGGREGATION_MEDIAN,
  'trimmed-mean': judgingV1.Aggregation.AGGREGATION_TRIMMED_MEAN,
};

function aspectFromProto(a: judgingV1.Aspect): Aspect {
  if (a.kind === judgingV1.AspectKind.ASPECT_KIND_JUDGEMENT) {
    return { id: a.aspectId, kind: 'judgement', description: a.description, maxMark: a.maxMarkHundredths, levels: a.levels.map((l) => ({ score: l.score, descriptor: l.descriptor })) };
  }
  if (a.kind !== judgingV1.AspectKind.ASPECT_KIND_MEASUREMENT) {
    throw new DigiCraftError('DC_ERR_SCHEME_INVALID', 'invalid-argument', `Aspect ${a.aspectId} needs a kind: measurement or judgement`, {
      fields: [{ field: `aspects.${a.aspectId}.kind`, message: 'must be measurement or judgement' }],
    });
  }
  const entry = a.measurementEntry === judgingV1.MeasurementEntry.MEASUREMENT_ENTRY_PASS_FAIL ? 'pass-fail' : 'mark';
  return { id: a.aspectId, kind: 'measurement', description: a.description, maxMark: a.maxMarkHundredths, entry };
}

export function schemeFromProto(criteria: readonly judgingV1.Criterion[], rule: judgingV1.JudgementRule | undefined): SchemeDefinition {
  const judgementRule: JudgementRule = {
    judgesPerEntry: rule?.judgesPerEntry || 3,
    aggregation: AGGREGATION_FROM[rule?.aggregation ?? judgingV1.Aggregation.AGGREGATION_MEAN] ?? ('invalid' as Aggregation),
    maxSpread: rule === undefined || rule.maxSpreadHundredths === 0 ? 1 : rule.maxSpreadHundredths / 100,
  };
  const mapped: Criterion[] = criteria.map((c) => ({ id: c.criterionId, name: c.name, weight: c.weightHundredths, aspects: c.aspects.map(aspectFromProto) }));
  return { criteria: mapped, rule: judgementRule };
}

export function resultsConfigFromProto(config: judgingV1.ResultsConfig | undefined): ResultsConfig {
  if (config === undefined) return DEFAULT_RESULTS_CONFIG;
  return {
    tieBreaks: config.tieBreakCriterionIds,
    medals: config.medals ?? DEFAULT_RESULTS_CONFIG.medals,
    standardization: {
      centre: config.standardizedCentre || DEFAULT_RESULTS_CONFIG.standardization.centre,
      k: config.standardizedK || DEFAULT_RESULTS_CONFIG.standardization.k,
    },
  };
}

function aspectToProto(a: Aspect): judgingV1.Aspect {
  return {
    aspectId: a.id,
    description: a.description,
    kind: a.kind === 'judgement' ? judgingV1.AspectKind.ASPECT_KIND_JUDGEMENT : judgingV1.AspectKind.ASPECT_KIND_MEASUREMENT,
    maxMarkHundredths: a.maxMark,
    measurementEntry:
      a.kind === 'judgement'
        ? judgingV1.MeasurementEntry.MEASUREMENT_ENTRY_UNSPECIFIED
        : a.entry === 'pass-fail'
          ? judgingV1.MeasurementEntry.MEASUREMENT_ENTRY_PASS_FAIL
          : judgingV1.MeasurementEntry.MEASUREMENT_ENTRY_MARK,
    levels: a.kind === 'judgement' ? a.levels.map((l) => ({ score: l.score, descriptor: l.descriptor })) : [],
  };
}

export function schemeToProto(doc: SchemeDoc): judgingV1.MarkingScheme {
  const { definition: d, results } = doc;
  return {
    competitionId: doc.competitionId,
    trackId: doc._id,
    criteria: d.criteria.map((c) => ({ criterionId: c.id, name: c.name, weightHundredths: c.weight, aspects: c.aspects.map(aspectToProto) })),
    rule: { judgesPerEntry: d.rule.judgesPerEntry, aggregation: AGGREGATION_TO[d.rule.aggregation], maxSpreadHundredths: Math.round(d.rule.maxSpread * 100) },
    version: doc.version,
    frozen: doc.frozen,
    results: {
      tieBreakCriterionIds: [...results.tieBreaks],
      medals: { ...results.medals },
      standardizedCentre: results.standardization.centre,
      standardizedK: results.standardization.k,
    },
  };
}
