import { ageOn, applicantViolations, eligibilityFailures } from '../src/domain/eligibility';
import { publishedEditViolations } from '../src/domain/competition-edits';
import { assertArchivable, lifecyclePhase } from '../src/domain/competition-lifecycle';
import { drawOrder, splitDraw } from '../src/domain/lottery';
import { checkCharacter, makeResidentId, maskResidentId, residentIdProblems } from '../src/domain/resident-id';
import { firstPromotable, waitlistPosition } from '../src/domain/waitlist';
import { teamViolations } from '../src/domain/teams';
import { assertWithdrawable } from '../src/domain/transitions';
import type { ApplicantDetails, CompetitionDetails, Track } from '../src/domain/types';

const track: Track = {
  trackId: 't1', name: 'Big data', description: '', occupationCode: '2-02-38-03', format: 'individual', minTeamSize: 1, maxTeamSize: 1,
  capacity: 10, waitlistEnabled: true, waitlistLimit: 0,
  eligibility: { minAge: 18, maxAge: 35, provinces: ['GD', 'BJ'], requiredCertificateLevel: 'intermediate', uniqueness: 'track' },
  quotas: [], admission: 'first-come', promotion: 'automatic', offerAcceptanceHours: 48, teamCompletionHours: 72,
};
const applicant: ApplicantDetails = { identityNumber: makeResidentId('110105', '19950315', 12), birthDate: '1995-03-15', province: 'GD', institution: 'SZPT', certificateLevel: 'senior', fullName: 'Li Lei' };

describe('GB 11643 identity numbers', () => {
  it('accepts the standard sample and computes its check character', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(residentIdProblems('11010519491231002x', '1949-12-31')).toEqual([]);
  });
  it('reports a wrong check character and a birth date that differs from the one encoded', () => {
    expect(residentIdProblems('110105194912310021', '1950-01-01')).toEqual(['check character does not match (GB 11643)', 'encoded birth date differs from the birth date given']);
  });
  it('shows only a masked form', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110***********002X');
  });
});

describe('eligibility reports every failing rule', () => {
  it('lists age, province and certificate failures together', () => {
    const failures = eligibilityFailures(track.eligibility, { ...applicant, birthDate: '2010-01-01', province: 'SH', certificateLevel: 'junior' }, new Date('2027-06-01'));
    expect(failures.map((f) => f.field)).toEqual(['applicant.birthDate', 'applicant.province', 'applicant.certificateLevel']);
  });
  it('computes age on the reference date (birthday not yet reached)', () => {
    expect(ageOn('2000-06-02', new Date('2018-06-01T00:00:00Z'))).toBe(17);
    expect(ageOn('2000-06-01', new Date('2018-06-01T00:00:00Z'))).toBe(18);
  });
  it('rejects malformed applicant details field by field', () => {
    const v = applicantViolations({ ...applicant, identityNumber: '123', province: 'guangdong', institution: ' ' });
    expect(v.map((x) => x.field)).toEqual(['applicant.identityNumber', 'applicant.province', 'applicant.institution']);
  });
});

describe('competition lifecycle and post-publish edits', () => {
  const details: CompetitionDetails = {
    title: 'Cup', description: '', occupation: 'big-data', level: 'national', tracks: [track],
    registrationOpensAt: new Date('2027-01-01'), registrationClosesAt: new Date('2027-02-01'), startsAt: new Date('2027-03-01'), endsAt: new Date('2027-03-02'),
  };
  it('derives the registration phase from the window', () => {
    expect(lifecyclePhase({ ...details, status: 'published' }, new Date('2027-01-15'))).toBe('registration-open');
    expect(lifecyclePhase({ ...details, status: 'published' }, new Date('2027-02-01'))).toBe('registration-closed');
    expect(lifecyclePhase({ ...details, status: 'draft' }, new Date('2027-01-15'))).toBe('draft');
  });
  it('lets capacity grow but never below the confirmed count, and keeps tracks', () => {
    const shrink = { ...details, tracks: [{ ...track, capacity: 4 }] };
    expect(publishedEditViolations(details, shrink, new Map([['t1', 5]]), new Date('2027-01-15')).map((v) => v.field)).toEqual(['tracks[0].capacity']);
    expect(publishedEditViolations(details, { ...details, tracks: [{ ...track, capacity: 20 }] }, new Map([['t1', 5]]), new Date('2027-01-15'))).toEqual([]);
    expect(publishedEditViolations(details, { ...details, tracks: [] }, new Map(), new Date('2027-01-15'))[0]?.message).toContain('cannot be removed');
  });
  it('archives only a published competition that has ended, each refusal with its own code', () => {
    const codeOf = (status: 'draft' | 'published' | 'archived', now: string): string | undefined => {
      try {
        assertArchivable({ status, endsAt: details.endsAt }, new Date(now));
        return undefined;
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };
    expect(codeOf('published', '2027-03-01T12:00:00Z')).toBe('DC_ERR_COMPETITION_NOT_ENDED');
    expect(codeOf('published', '2027-03-02T00:00:00Z')).toBeUndefined();
    expect(codeOf('draft', '2027-04-01')).toBe('DC_ERR_INVALID_STATE');
    expect(codeOf('archived', '2027-04-01')).toBe('DC_ERR_COMPETITION_ARCHIVED');
    expect(lifecyclePhase({ ...details, status: 'archived' }, new Date('2027-01-15'))).toBe('archived');
  });
  it('refuses withdrawal after the deadline with a clear error', () => {
    expect(() => assertWithdrawable('confirmed', { startsAt: new Date('2027-03-01'), withdrawalDeadline: new Date('2027-02-10') }, new Date('2027-02-11'))).toThrow(/Withdrawal closed at 2027-02-10/);
  });
});

describe('lottery draw (sha256 counter + Fisher–Yates)', () => {
  const ids = Array.from({ length: 50 }, (_, i) => `r${i}`);
  it('is re-runnable: same seed and entrants in any input order give the same order', () => {
    expect(drawOrder('seed-1', ids)).toEqual(drawOrder('seed-1', [...ids].reverse()));
    expect(drawOrder('seed-1', ids)).not.toEqual(drawOrder('seed-2', ids));
    expect(new Set(drawOrder('seed-1', ids)).size).toBe(50);
  });
  it('confirms the first `capacity` drawn and queues the rest within the waitlist limit', () => {
    const out = splitDraw(['a', 'b', 'c', 'd', 'e'], 2, true, 2);
    expect(out).toEqual({ confirmed: ['a', 'b'], waitlisted: ['c', 'd'], rejected: ['e'] });
  });
});

describe('waitlist and teams', () => {
  it('promotes the first in acceptance order whose quota has room', () => {
    const entries = [
      { registrationId: 'x', waitSeq: 3, quotaKeys: [] },
      { registrationId: 'y', waitSeq: 1, quotaKeys: ['t1|province|GD'] },
      { registrationId: 'z', waitSeq: 2, quotaKeys: [] },
    ];
    expect(firstPromotable(entries, (k) => k === 't1|province|GD')?.registrationId).toBe('z');
    expect(waitlistPosition(3, [1, 2, 3])).toBe(3);
  });
  it('checks team size including the leader', () => {
    const team = { ...track, format: 'team' as const, minTeamSize: 3, maxTeamSize: 4 };
    expect(teamViolations(team, 'lead', 'Alpha', ['a'])[0]?.message).toContain('got 2');
    expect(teamViolations(team, 'lead', 'Alpha', ['a', 'b'])).toEqual([]);
  });
});
