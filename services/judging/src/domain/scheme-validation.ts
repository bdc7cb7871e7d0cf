import type { FieldViolation } from '@digicraft/errors';
import { InvalidSchemeError } from './errors';
import { JUDGEMENT_LEVELS, TOTAL_WEIGHT, type Aspect, type SchemeDefinition } from './scheme-types';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

function points(hundredths: number): string {
  return (hundredths / 100).toFixed(2);
}

function checkAspect(aspect: Aspect, path: string, out: FieldViolation[]): void {
  if (!ID_PATTERN.test(aspect.id)) out.push({ field: `${path}.id`, message: 'must be 1–40 letters, digits, _ or -' });
  if (aspect.description.trim() === '') out.push({ field: `${path}.description`, message: 'must not be empty' });
  if (!Number.isInteger(aspect.maxMark) || aspect.maxMark <= 0) {
    out.push({ field: `${path}.maxMark`, message: 'must be a positive number of points with at most 2 decimals' });
  }
  if (aspect.kind === 'measurement') {
    if (aspect.entry !== 'mark' && aspect.entry !== 'pass-fail') {
      out.push({ field: `${path}.entry`, message: 'must be "mark" or "pass-fail"' });
    }
    return;
  }
  const scores = aspect.levels.map((l) => l.score).sort((a, b) => a - b);
  if (scores.join(',') !== JUDGEMENT_LEVELS.join(',')) {
    out.push({ field: `${path}.levels`, message: `must define each level 0, 1, 2 and 3 exactly once (got ${scores.join(', ') || 'none'})` });
  }
  aspect.levels.forEach((level, i) => {
    if (level.descriptor.trim() === '') out.push({ field: `${path}.levels[${i}].descriptor`, message: `level ${level.score} needs a written descriptor` });
  });
}

/** Every problem of a scheme at once, each named by its field path, so an organizer fixes them in one go. */
export function schemeViolations(scheme: SchemeDefinition): FieldViolation[] {
  const out: FieldViolation[] = [];
  const { rule, criteria } = scheme;
  if (criteria.length === 0) out.push({ field: 'criteria', message: 'at least one criterion is required' });
  const seenCriteria = new Set<string>();
  const seenAspects = new Set<string>();
  let weightSum = 0;
  criteria.forEach((criterion, ci) => {
    const path = `criteria[${ci}]`;
    if (!ID_PATTERN.test(criterion.id)) out.push({ field: `${path}.id`, message: 'must be 1–40 letters, digits, _ or -' });
    if (seenCriteria.has(criterion.id)) out.push({ field: `${path}.id`, message: `duplicate criterion id "${criterion.id}"` });
    seenCriteria.add(criterion.id);
    if (criterion.name.trim() === '') out.push({ field: `${path}.name`, message: 'must not be empty' });
    if (!Number.isInteger(criterion.weight) || criterion.weight <= 0) {
      out.push({ field: `${path}.weight`, message: 'must be a positive number of points with at most 2 decimals' });
    }
    weightSum += criterion.weight;
    if (criterion.aspects.length === 0) out.push({ field: `${path}.aspects`, message: 'at least one aspect is required' });
    let maxSum = 0;
    criterion.aspects.forEach((aspect, ai) => {
      const aspectPath = `${path}.aspects[${ai}]`;
      if (seenAspects.has(aspect.id)) out.push({ field: `${aspectPath}.id`, message: `duplicate aspect id "${aspect.id}"` });
      seenAspects.add(aspect.id);
      checkAspect(aspect, aspectPath, out);
      maxSum += aspect.maxMark;
    });
    if (criterion.aspects.length > 0 && maxSum !== criterion.weight) {
      out.push({
        field: `${path}.aspects`,
        message: `the aspects' max marks add up to ${points(maxSum)} but the criterion weighs ${points(criterion.weight)}`,
      });
    }
  });
  if (criteria.length > 0 && weightSum !== TOTAL_WEIGHT) {
    out.push({ field: 'criteria', message: `criterion weights add up to ${points(weightSum)}, they must add up to 100.00` });
  }
  if (!Number.isInteger(rule.judgesPerEntry) || rule.judgesPerEntry < 1 || rule.judgesPerEntry > 12) {
    out.push({ field: 'rule.judgesPerEntry', message: 'must be an integer from 1 to 12' });
  }
  if (!['mean', 'median', 'trimmed-mean'].includes(rule.aggregation)) {
    out.push({ field: 'rule.aggregation', message: 'must be mean, median or trimmed-mean' });
  }
  if (!(rule.maxSpread >= 0 && rule.maxSpread <= 3)) out.push({ field: 'rule.maxSpread', message: 'must be between 0 and 3' });
  return out;
}

export function assertValidScheme(scheme: SchemeDefinition): void {
  const violations = schemeViolations(scheme);
  if (violations.length > 0) throw new InvalidSchemeError(violations);
}
