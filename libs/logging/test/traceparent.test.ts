import { formatTraceparent, newTraceContext, newTraceparent, parseTraceparent } from '../src';

const HEADER = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('W3C traceparent', () => {
  it('parses and formats the example from the specification', () => {
    const ctx = parseTraceparent(HEADER);
    expect(ctx).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true });
    expect(formatTraceparent(ctx!)).toBe(HEADER);
    expect(parseTraceparent(HEADER.replace(/-01$/, '-00'))?.sampled).toBe(false);
  });

  it('rejects malformed headers so a fresh trace is started instead', () => {
    for (const bad of [
      undefined,
      '',
      'garbage',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01',
    ]) {
      expect(parseTraceparent(bad)).toBeUndefined();
    }
  });

  it('creates new traces and child spans', () => {
    const fresh = parseTraceparent(newTraceparent());
    expect(fresh).toMatchObject({ sampled: true });
    expect(fresh?.traceId).toMatch(/^[0-9a-f]{32}$/);
    const child = newTraceContext(fresh);
    expect(child.traceId).toBe(fresh?.traceId);
    expect(child.spanId).not.toBe(fresh?.spanId);
    expect(newTraceContext().traceId).not.toBe(fresh?.traceId);
  });

  it('draws well-formed, distinct ids across many refills of the random pool', () => {
    const spans = new Set<string>();
    const traces = new Set<string>();
    for (let i = 0; i < 2_000; i += 1) {
      const ctx = newTraceContext();
      expect(parseTraceparent(formatTraceparent(ctx))).toEqual(ctx);
      spans.add(ctx.spanId);
      traces.add(ctx.traceId);
    }
    expect(spans.size).toBe(2_000);
    expect(traces.size).toBe(2_000);
  });
});
