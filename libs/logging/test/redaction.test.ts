import pino from 'pino';
import { createLogger, REDACTED_PATHS } from '../src';
import { captureLines } from './capture';

const SECRETS = {
  password: 'Pa55word!xyz',
  email: 'li.wei@example.cn',
  idNumber: '110105199003071234',
  phone: '+86 138 0013 8000',
  accessToken: 'eyJhbGciOiJIUzI1NiJ9.access',
  refreshToken: 'rt_4f8a9c',
  birthDate: '1990-03-07',
  fullName: 'Li Wei',
};

function assertNoSecretIn(raw: string): void {
  for (const value of Object.values(SECRETS)) expect(raw).not.toContain(value);
}

describe('redaction', () => {
  it('hides credentials and personal data at the top level and one and two levels deep', () => {
    const out = captureLines();
    const logger = createLogger({ service: 'gateway', destination: out.destination });
    logger.info({ ...SECRETS }, 'top level');
    logger.info({ account: { ...SECRETS, id: 'acc-1' } }, 'one level');
    logger.info({ body: { contestant: { ...SECRETS, residentId: 'R-778899', nationalId: 'N-445566' } } }, 'two levels');
    logger.info({ team: [{ email: SECRETS.email, identityNumber: SECRETS.idNumber }] }, 'array of people');

    const raw = out.raw();
    assertNoSecretIn(raw);
    expect(raw).not.toContain('R-778899');
    expect(raw).not.toContain('N-445566');
    const [top, one, two] = out.lines();
    expect(top).toMatchObject({ password: '[REDACTED]', email: '[REDACTED]', idNumber: '[REDACTED]' });
    expect(one).toMatchObject({ account: { id: 'acc-1', password: '[REDACTED]', fullName: '[REDACTED]' } });
    expect(two).toMatchObject({ body: { contestant: { birthDate: '[REDACTED]', residentId: '[REDACTED]' } } });
  });

  it('hides authorization headers and cookies of requests', () => {
    const out = captureLines();
    createLogger({ service: 'gateway', destination: out.destination }).info(
      {
        req: { method: 'POST', url: '/v1/auth/login', headers: { authorization: `Bearer ${SECRETS.accessToken}`, cookie: `rt=${SECRETS.refreshToken}`, 'x-request-id': 'r-1' } },
        res: { headers: { 'set-cookie': `rt=${SECRETS.refreshToken}; HttpOnly` } },
      },
      'request',
    );
    assertNoSecretIn(out.raw());
    expect(out.lines()[0]).toMatchObject({ req: { url: '/v1/auth/login', headers: { authorization: '[REDACTED]', 'x-request-id': 'r-1' } } });
  });

  it('leaves ordinary fields alone and does not change the logged object', () => {
    const out = captureLines();
    const payload = { user: { id: 'u1', email: SECRETS.email }, competitionId: 'c-42' };
    createLogger({ service: 'registration', destination: out.destination }).info(payload, 'registered');
    expect(out.lines()[0]).toMatchObject({ user: { id: 'u1', email: '[REDACTED]' }, competitionId: 'c-42' });
    expect(payload.user.email).toBe(SECRETS.email);
  });

  it('exports the paths so other code (HTTP access logs, error reports) can reuse them', () => {
    expect(REDACTED_PATHS).toEqual(expect.arrayContaining(['password', '*.password', '*.*.password', '*.*.authorization']));
  });
});

describe('redaction rule', () => {
  const samples: Record<string, unknown>[] = [
    { ...SECRETS, id: 'x' },
    { account: { ...SECRETS }, n: 1 },
    { body: { contestant: { email: SECRETS.email, nested: { email: 'deep@example.cn' } } } },
    { team: [{ email: SECRETS.email }, { phone: SECRETS.phone }], when: new Date(0) },
    { req: { headers: { authorization: 'Bearer x', 'set-cookie': 'a=b' } }, list: [1, 2, 3] },
    { password: null, token: undefined, cookie: { a: 1 } },
  ];

  it('matches what pino redact does with REDACTED_PATHS', () => {
    const ours = captureLines();
    const reference = captureLines();
    const logger = createLogger({ service: 's', destination: ours.destination });
    const pinoLogger = pino(
      { base: { service: 's' }, timestamp: false, formatters: { level: (label) => ({ level: label }) }, redact: { paths: [...REDACTED_PATHS], censor: '[REDACTED]' } },
      reference.destination,
    );
    for (const sample of samples) {
      logger.info(sample, 'm');
      pinoLogger.info(sample, 'm');
    }
    const withoutTime = (lines: Record<string, unknown>[]) => lines.map(({ time: _t, ...rest }) => rest);
    expect(withoutTime(ours.lines())).toEqual(withoutTime(reference.lines()));
  });

  it('also applies to child logger bindings', () => {
    const out = captureLines();
    const child = createLogger({ service: 's', destination: out.destination }).child({ user: { email: SECRETS.email, id: 'u1' } });
    child.info('hi');
    child.child({ password: SECRETS.password, step: 2 }).info('grandchild');
    expect(out.raw()).not.toContain(SECRETS.email);
    expect(out.raw()).not.toContain(SECRETS.password);
    expect(out.lines()[0]).toMatchObject({ user: { id: 'u1', email: '[REDACTED]' } });
    expect(out.lines()[1]).toMatchObject({ step: 2, password: '[REDACTED]', user: { id: 'u1' } });
  });
});
