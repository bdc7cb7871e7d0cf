import { applicant, http } from './support/api';
import { openTrack, registerOk } from './support/flows';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(120_000);

interface RosterRow {
  registrationId: string;
  status: string;
  applicant: { identityNumber: string; province: string; institution: string; fullName?: string };
}

const MASKED = /^\d{3}\*{11}\d{3}[\dX]$/;

/** The organizer's roster: cursor pages with filters, and a CSV export; identity numbers only ever masked. */
describe('roster (gateway + registration processes)', () => {
  let stack: Stack;
  let organizer: string;
  let path: string;
  const people = [
    { province: 'GD', institution: 'Shenzhen Polytechnic' },
    { province: 'BJ', institution: 'Beijing Polytechnic' },
    { province: 'GD', institution: '=HYPERLINK("http://evil.example")' },
    { province: 'BJ', institution: 'Beijing Polytechnic' },
    { province: 'GD', institution: 'Shenzhen Polytechnic' },
    { province: 'SH', institution: 'Pudong IT College' },
    { province: 'BJ', institution: 'Haidian Vocational College' },
  ];
  const identity = people.map((_, i) => String(applicant(900 + i).identityNumber));
  const ids: string[] = [];

  beforeAll(async () => {
    stack = await startStack('ros');
    organizer = stack.token('org-ros', ['organizer']);
    const track = await openTrack(stack, organizer, { capacity: 3 });
    path = track.registrations;
    for (const [i, p] of people.entries()) ids.push(String((await registerOk(stack, track, `ros-${i}`, 900 + i, { applicant: applicant(900 + i, p) })).body.registrationId));
  });
  afterAll(async () => {
    await stack.close();
  });

  async function allPages(query: string, pageSize: number): Promise<{ pages: RosterRow[][] }> {
    const pages: RosterRow[][] = [];
    let cursor: string | undefined;
    do {
      const res = await http(stack.gatewayUrl, 'GET', `${path}?pageSize=${pageSize}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, organizer);
      expect(res.status).toBe(200);
      pages.push(res.body.items as RosterRow[]);
      cursor = res.body.nextCursor as string | undefined;
    } while (cursor !== undefined && pages.length < 20);
    return { pages };
  }

  it('pages through every registration exactly once with a cursor', async () => {
    const { pages } = await allPages('', 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const seen = pages.flat().map((r) => r.registrationId);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it('filters by status, province and institution, also across pages', async () => {
    const waiting = (await allPages('&status=waitlisted', 2)).pages;
    expect(waiting.map((p) => p.length)).toEqual([2, 2]);
    expect(waiting.flat().every((r) => r.status === 'REGISTRATION_STATUS_WAITLISTED')).toBe(true);
    const bj = (await allPages('&province=BJ', 2)).pages.flat();
    expect(bj.map((r) => r.registrationId).sort()).toEqual([ids[1], ids[3], ids[6]].sort());
    const school = (await allPages(`&institution=${encodeURIComponent('Beijing Polytechnic')}&status=confirmed`, 10)).pages.flat();
    expect(school.map((r) => r.registrationId)).toEqual([ids[1]]);
  });

  it('shows identity numbers masked only, and no names, in the JSON roster', async () => {
    const res = await http(stack.gatewayUrl, 'GET', path, organizer);
    const rows = res.body.items as RosterRow[];
    expect(rows.every((r) => MASKED.test(r.applicant.identityNumber))).toBe(true);
    for (const id of identity) expect(res.text).not.toContain(id);
    expect(res.text).not.toContain('Contestant 90');
  });

  it('exports the roster as CSV with masked identity numbers, a status filter, and spreadsheet formulas defused', async () => {
    const res = await http(stack.gatewayUrl, 'GET', `${path}?format=csv`, organizer);
    expect(res.status).toBe(200);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('registration_id,status,waitlist_seq,contestant_account_id,team_name,identity_number_masked,birth_date,province,institution,certificate_level,created_at');
    expect(lines).toHaveLength(8);
    for (const id of identity) expect(res.text).not.toContain(id);
    const masked = lines.slice(1).map((l) => l.split(',')[5] ?? '');
    expect(masked.every((m) => MASKED.test(m))).toBe(true);
    expect(masked.map((m) => m.slice(-4)).sort()).toEqual(identity.map((id) => id.slice(-4)).sort());
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const confirmed = await http(stack.gatewayUrl, 'GET', `${path}?format=csv&status=confirmed`, organizer);
    const rows = confirmed.text.trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.split(',')[1] === 'confirmed')).toBe(true);
  });

  it('exports only the rows the province and institution filters select, the same as the JSON roster', async () => {
    const csvIds = async (query: string): Promise<string[]> => {
      const res = await http(stack.gatewayUrl, 'GET', `${path}?format=csv${query}`, organizer);
      expect(res.status).toBe(200);
      return res.text.trimEnd().split('\r\n').slice(1).map((l) => l.split(',')[0] ?? '').sort();
    };
    const jsonIds = async (query: string): Promise<string[]> => (await allPages(query, 100)).pages.flat().map((r) => r.registrationId).sort();
    const bj = '&province=BJ';
    expect(await csvIds(bj)).toEqual([ids[1], ids[3], ids[6]].sort());
    const school = `&institution=${encodeURIComponent('Beijing Polytechnic')}`;
    expect(await csvIds(school)).toEqual([ids[1], ids[3]].sort());
    expect(await csvIds(`${school}&status=waitlisted`)).toEqual([ids[3]]);
    expect(await csvIds('&province=SH&institution=Beijing%20Polytechnic')).toEqual([]);
    for (const q of [bj, school, `${bj}&status=confirmed`]) expect(await csvIds(q)).toEqual(await jsonIds(q));
  });

  it('shows the roster to its organizer only', async () => {
    expect((await http(stack.gatewayUrl, 'GET', path, stack.token('org-other', ['organizer']))).status).toBe(403);
    expect((await http(stack.gatewayUrl, 'GET', `${path}?format=csv`, stack.token('org-other', ['organizer']))).status).toBe(403);
    expect((await http(stack.gatewayUrl, 'GET', path, stack.token('ros-0', ['contestant']))).status).toBe(403);
  });
});
