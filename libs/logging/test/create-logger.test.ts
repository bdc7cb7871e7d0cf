import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createLogger, runWithLogContext, currentLogContext, withLogContext } from '../src';
import { captureLines } from './capture';

describe('createLogger', () => {
  it('writes JSON lines with service, level name and time', () => {
    const out = captureLines();
    createLogger({ service: 'judging', destination: out.destination }).info({ entryId: 'e1' }, 'marks submitted');
    const [line] = out.lines();
    expect(line).toMatchObject({ service: 'judging', level: 'info', msg: 'marks submitted', entryId: 'e1' });
    expect(typeof line?.time).toBe('string');
  });

  it('respects the level', () => {
    const out = captureLines();
    const logger = createLogger({ service: 'judging', level: 'warn', destination: out.destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(out.lines().map((l) => l.msg)).toEqual(['shown']);
  });

  it('adds the request, correlation and trace ids of the current context to every line, across awaits', async () => {
    const out = captureLines();
    const logger = createLogger({ service: 'gateway', destination: out.destination });
    logger.info('outside');
    await runWithLogContext({ requestId: 'req-1', correlationId: 'corr-1', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }, async () => {
      logger.info('before await');
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.child({ component: 'grpc' }).info('after await in a child logger');
      // A nested scope (an event handled inside the request) overrides only what it sets.
      runWithLogContext({ correlationId: 'corr-2' }, () => logger.info('nested'));
    });
    const [outside, before, after, nested] = out.lines();
    expect(outside).not.toHaveProperty('requestId');
    expect(before).toMatchObject({ requestId: 'req-1', correlationId: 'corr-1', traceId: 'a'.repeat(32) });
    expect(after).toMatchObject({ requestId: 'req-1', correlationId: 'corr-1', traceId: 'a'.repeat(32), component: 'grpc' });
    expect(nested).toMatchObject({ requestId: 'req-1', correlationId: 'corr-2', traceId: 'a'.repeat(32) });
    expect(currentLogContext()).toBeUndefined();
  });

  it('keeps concurrent requests apart', async () => {
    const out = captureLines();
    const logger = createLogger({ service: 'gateway', destination: out.destination });
    const handle = (id: string, delay: number) =>
      runWithLogContext({ requestId: id }, async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        logger.info({ handled: id }, 'done');
      });
    await Promise.all([handle('slow', 20), handle('fast', 1)]);
    for (const line of out.lines()) expect(line.requestId).toBe(line.handled);
  });

  it('gives a logger of its own to code that holds its context explicitly (no AsyncLocalStorage)', () => {
    const out = captureLines();
    const logger = createLogger({ service: 'gateway', destination: out.destination });
    withLogContext(logger, { requestId: 'req-9', correlationId: 'corr-9', traceId: 'c'.repeat(32), spanId: 'd'.repeat(16) }).info('handled');
    logger.info('elsewhere');
    const [handled, elsewhere] = out.lines();
    expect(handled).toMatchObject({ requestId: 'req-9', correlationId: 'corr-9', traceId: 'c'.repeat(32), msg: 'handled' });
    expect(elsewhere).not.toHaveProperty('requestId');
  });
});

describe('createLogger on stdout', () => {
  // A real process: its stdout is a pipe, written asynchronously, and what is queued at exit must still arrive.
  const script = (ending: string) => `
    const { createLogger } = require(${JSON.stringify(path.join(__dirname, '..', 'src'))});
    const logger = createLogger({ service: 'stdout-test' });
    for (let i = 0; i < 5000; i += 1) logger.info({ i, city: '杭州', note: 'naïve' }, 'line');
    ${ending}`;

  it.each([
    ['process.exit', 'process.exit(0)'],
    ['an uncaught error', "throw new Error('boom')"],
  ])('writes every line, whole and in order, when the process ends by %s', (_name, ending) => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', script(ending)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const lines = run.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { i: number; city: string; note: string });
    expect(lines.map((line) => line.i)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(lines.every((line) => line.city === '杭州' && line.note === 'naïve')).toBe(true);
  });
});
