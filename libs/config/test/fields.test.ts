import { z } from 'zod';
import { bool, durationMs, kafkaBrokers, loadConfig, port, positiveInt, url } from '../src';

function parse<T extends z.ZodTypeAny>(field: T, value: string | undefined): z.infer<T> {
  const env = value === undefined ? {} : { VALUE: value };
  return loadConfig(z.object({ VALUE: field }), env).VALUE;
}

function problem(field: z.ZodTypeAny, value: string | undefined): string {
  try {
    parse(field, value);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`expected ${String(value)} to be rejected`);
}

describe('field builders', () => {
  it('port accepts 1..65535 and nothing else', () => {
    expect(parse(port(), '1')).toBe(1);
    expect(parse(port(), ' 65535 ')).toBe(65535);
    for (const bad of ['0', '65536', '80.5', '-1', '0x50', '8080abc']) {
      expect(problem(port(), bad)).toContain(`VALUE: expected an integer between 1 and 65535, got "${bad}"`);
    }
  });

  it('durationMs takes plain milliseconds or a unit', () => {
    expect(parse(durationMs(), '1500')).toBe(1500);
    expect(parse(durationMs(), '500ms')).toBe(500);
    expect(parse(durationMs(), '10s')).toBe(10_000);
    expect(parse(durationMs(), '5m')).toBe(300_000);
    expect(parse(durationMs(), '1h')).toBe(3_600_000);
    expect(parse(durationMs({ default: 250 }), undefined)).toBe(250);
    expect(problem(durationMs(), 'soon')).toContain('got "soon"');
  });

  it('positiveInt rejects zero and negatives', () => {
    expect(parse(positiveInt(), '12')).toBe(12);
    expect(problem(positiveInt(), '0')).toContain('expected a positive integer');
  });

  it('bool understands the usual spellings', () => {
    expect(parse(bool(), 'true')).toBe(true);
    expect(parse(bool(), 'YES')).toBe(true);
    expect(parse(bool(), '0')).toBe(false);
    expect(parse(bool({ default: false }), undefined)).toBe(false);
    expect(problem(bool(), 'maybe')).toContain('expected true or false, got "maybe"');
  });

  it('kafkaBrokers splits a host:port list', () => {
    expect(parse(kafkaBrokers(), '127.0.0.1:19092, kafka-1.internal:9092')).toEqual(['127.0.0.1:19092', 'kafka-1.internal:9092']);
    expect(problem(kafkaBrokers(), '127.0.0.1')).toContain('expected a comma-separated list of host:port');
    expect(problem(kafkaBrokers(), 'a:1,,b:2')).toContain('host:port');
  });

  it('url checks the scheme', () => {
    const mongo = url({ protocols: ['mongodb', 'mongodb+srv:'] });
    expect(parse(mongo, 'mongodb+srv://cluster0.example.net')).toBe('mongodb+srv://cluster0.example.net');
    expect(problem(mongo, 'postgres://h/db')).toContain('expected a URL starting with mongodb:// or mongodb+srv://');
    expect(problem(url(), 'not a url')).toContain('expected a URL');
  });

  it('optional fields may be left out', () => {
    expect(parse(port().optional(), undefined)).toBeUndefined();
    expect(problem(port(), undefined)).toContain('VALUE: is required');
  });
});
