import type { judgingV1 } from '@digicraft/contracts';
import type { CallContext } from '@digicraft/grpc';
import { ValidationError } from '@digicraft/errors';
import { generateAssignments } from '../domain/assignment-generator';
import type { JudgeLink, JudgeProfile } from '../domain/conflicts';
import { StaleVersionError } from '../domain/errors';
import { assertValidScheme } from '../domain/scheme-validation';
import { applySchemeChange } from '../domain/scheme-versioning';
import type { SchemeDoc } from '../store/documents';
import { requireActor, requireOrganizerOf } from './access';
import type { JudgingDeps } from './judging-deps';
import { resultsConfigFromProto, schemeFromProto, schemeToProto } from './scheme-mapping';

const RELATIONS: readonly JudgeLink['relation'][] = ['trainer', 'trainee', 'employer', 'employee', 'colleague', 'relative'];

/** What an organizer sets up before judging: scheme, panel, entry affiliations, assignments. */
export function setupHandlers(deps: JudgingDeps) {
  return {
    async putMarkingScheme(req: judgingV1.PutMarkingSchemeRequest, ctx: CallContext): Promise<judgingV1.PutMarkingSchemeResponse> {
      const actor = requireActor(ctx);
      await requireOrganizerOf(deps, actor, req.competitionId, req.trackId);
      const definition = schemeFromProto(req.criteria, req.rule);
      assertValidScheme(definition);
      const results = resultsConfigFromProto(req.results);
      const criterionIds = new Set(definition.criteria.map((c) => c.id));
      const badTieBreaks = results.tieBreaks.filter((id) => !criterionIds.has(id));
      if (badTieBreaks.length > 0) throw new ValidationError([{ field: 'results.tieBreaks', message: `unknown criteria: ${badTieBreaks.join(', ')}` }]);
      const current = await deps.tracks.scheme(req.trackId);
      const currentVersion = current?.version ?? 0;
      if (req.expectedVersion !== currentVersion) throw new StaleVersionError('The marking scheme', Number(req.expectedVersion), currentVersion);
      const change = applySchemeChange(current === null ? undefined : { ...current.definition, version: current.version, frozen: current.frozen }, definition);
      const sameResults = current !== null && JSON.stringify(current.results) === JSON.stringify(results);
      if (change.unchanged && sameResults && current !== null) return { scheme: schemeToProto(current), remarkAspectIds: [] };
      const touchedAt = { ...(current?.touchedAt ?? {}) };
      const version = change.unchanged ? currentVersion + 1 : change.scheme.version;
      for (const aspectId of change.remark) touchedAt[aspectId] = version;
      const doc: SchemeDoc = {
        _id: req.trackId,
        competitionId: req.competitionId,
        definition,
        results,
        version,
        frozen: current?.frozen ?? false,
        touchedAt,
      };
      if (!(await deps.tracks.saveScheme(doc, currentVersion))) {
        const now = await deps.tracks.scheme(req.trackId);
        throw new StaleVersionError('The marking scheme', currentVersion, now?.version ?? 0);
      }
      await deps.ledger.append(req.trackId, [
        { trackId: req.trackId, kind: 'scheme', actorId: actor.id, at: new Date().toISOString(), subject: req.trackId, data: { version, remark: change.remark, scheme: JSON.parse(JSON.stringify(definition)) } },
      ]);
      return { scheme: schemeToProto(doc), remarkAspectIds: [...change.remark] };
    },

    async addJudges(req: judgingV1.AddJudgesRequest, ctx: CallContext): Promise<judgingV1.AddJudgesResponse> {
      const actor = requireActor(ctx);
      await requireOrganizerOf(deps, actor, req.competitionId, req.trackId);
      const fields = req.judges.flatMap((j, i) => [
        ...(j.accountId.trim() === '' ? [{ field: `judges[${i}].accountId`, message: 'is required' }] : []),
        ...j.links.flatMap((l, k) => (RELATIONS.includes(l.relation as JudgeLink['relation']) ? [] : [{ field: `judges[${i}].links[${k}].relation`, message: `must be one of ${RELATIONS.join(', ')}` }])),
      ]);
      if (req.judges.length === 0) fields.push({ field: 'judges', message: 'at least one judge is required' });
      if (fields.length > 0) throw new ValidationError(fields);
      const profiles: JudgeProfile[] = req.judges.map((j) => ({
        id: j.accountId,
        chief: j.chief,
        ...(j.institution ? { institution: j.institution } : {}),
        ...(j.province ? { province: j.province } : {}),
        ...(j.employer ? { employer: j.employer } : {}),
        links: j.links.map((l) => ({ accountId: l.accountId, relation: l.relation as JudgeLink['relation'] })),
      }));
      const panel = await deps.tracks.addJudges(req.trackId, req.competitionId, profiles);
      return {
        panel: {
          competitionId: panel.competitionId,
          trackId: panel._id,
          judges: panel.judges.map((j) => ({ accountId: j.id, chief: j.chief, institution: j.institution ?? '', province: j.province ?? '', employer: j.employer ?? '', links: [...j.links] })),
        },
      };
    },

    async declareEntryAffiliations(req: judgingV1.DeclareEntryAffiliationsRequest, ctx: CallContext): Promise<judgingV1.DeclareEntryAffiliationsResponse> {
      const actor = requireActor(ctx);
      await requireOrganizerOf(deps, actor, req.competitionId, req.trackId);
      const updated = await deps.entries.setAffiliations(req.trackId, req.affiliations.map((a) => ({ entryId: a.entryId, institution: a.institution, province: a.province })));
      return { updated };
    },

    async generateAssignments(req: judgingV1.GenerateAssignmentsRequest, ctx: CallContext): Promise<judgingV1.GenerateAssignmentsResponse> {
      const actor = requireActor(ctx);
      await requireOrganizerOf(deps, actor, req.competitionId, req.trackId);
      const [scheme, panel, entries, existing, sheets] = await Promise.all([
        deps.tracks.scheme(req.trackId),
        deps.tracks.panel(req.trackId),
        deps.entries.trackEntries(req.trackId),
        deps.entries.trackAssignments(req.trackId),
        deps.sheets.latestOfTrack(req.trackId),
      ]);
      if (scheme === null) throw new ValidationError([{ field: 'trackId', message: 'define the marking scheme first' }]);
      if (panel === null || panel.judges.length === 0) throw new ValidationError([{ field: 'trackId', message: 'add judges to the panel first' }]);
      // Entries someone already marked keep their judges: re-generating must not orphan marks.
      const markedEntries = new Set(sheets.map((s) => s.entryId));
      const kept = new Map(existing.filter((a) => markedEntries.has(a._id)).map((a) => [a._id, a.judgeIds]));
      const plan = generateAssignments({
        judges: panel.judges,
        entries: entries.map((e) => ({ id: e._id, code: e.code, memberAccountIds: e.memberAccountIds, ...(e.institution ? { institution: e.institution } : {}), ...(e.province ? { province: e.province } : {}) })),
        judgesPerEntry: scheme.definition.rule.judgesPerEntry,
        kept,
      });
      const assignments = await deps.entries.replaceAssignments(req.trackId, req.competitionId, plan, new Map(entries.map((e) => [e._id, e.code])));
      return {
        entries: entries.length,
        assignments,
        uncovered: plan.uncovered.map((u) => ({ ...u })),
        exclusions: plan.exclusions.map((x) => ({ entryId: x.entryId, judgeAccountId: x.judgeId, reasons: [...x.reasons] })),
        load: [...plan.load].map(([judgeAccountId, n]) => ({ judgeAccountId, entries: n })),
      };
    },
  };
}
