import { status as GrpcStatus } from '@grpc/grpc-js';
import { Counter, Histogram, register } from 'prom-client';

/**
 * Call counters and latency histograms in prom-client's default register, labelled like
 * go-grpc-prometheus: `service` is the full proto service (`grpc.health.v1.Health`), `method`
 * the proto method (`Check`), `code` the status name (`OK`, `NOT_FOUND`). Which process is
 * counting is Prometheus' `job`/`instance`, not a label here.
 */
export interface CallLabels {
  readonly service: string;
  readonly method: string;
}

export type CallSide = 'server' | 'client';

const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** `/grpc.health.v1.Health/Check` → { service: 'grpc.health.v1.Health', method: 'Check' }. */
export function labelsFromPath(path: string): CallLabels {
  const slash = path.lastIndexOf('/');
  return { service: path.slice(path.startsWith('/') ? 1 : 0, slash), method: path.slice(slash + 1) };
}

export function statusName(code: number): string {
  return GrpcStatus[code] ?? 'UNKNOWN';
}

// Registered once per process: several servers or clients in one process share the series, and
// a second `new Counter` with the same name would throw.
function counter(side: CallSide): Counter<'service' | 'method' | 'code'> {
  const name = `grpc_${side}_handled_total`;
  const existing = register.getSingleMetric(name);
  if (existing instanceof Counter) return existing as Counter<'service' | 'method' | 'code'>;
  return new Counter({
    name,
    help: `gRPC calls completed on the ${side} side, by status code.`,
    labelNames: ['service', 'method', 'code'],
  });
}

function histogram(side: CallSide): Histogram<'service' | 'method'> {
  const name = `grpc_${side}_handling_seconds`;
  const existing = register.getSingleMetric(name);
  if (existing instanceof Histogram) return existing as Histogram<'service' | 'method'>;
  return new Histogram({
    name,
    help: `Duration of gRPC calls on the ${side} side, until the status is known.`,
    labelNames: ['service', 'method'],
    buckets: LATENCY_BUCKETS,
  });
}

export function recordCall(side: CallSide, labels: CallLabels, code: number, seconds: number): void {
  const series = { service: labels.service, method: labels.method };
  counter(side).inc({ ...series, code: statusName(code) });
  histogram(side).observe(series, seconds);
}

/** A monotonic stopwatch; returns elapsed seconds. */
export function startTimer(): () => number {
  const started = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - started) / 1e9;
}
