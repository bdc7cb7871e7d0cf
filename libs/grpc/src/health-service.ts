import type { handleServerStreamingCall } from '@grpc/grpc-js';
import { healthV1 } from '@digicraft/contracts';
import { DigiCraftError } from '@digicraft/errors';
import type { UnaryHandler } from './call-context';

type HealthCheckRequest = healthV1.HealthCheckRequest;
type HealthCheckResponse = healthV1.HealthCheckResponse;
const ServingStatus = healthV1.HealthCheckResponse_ServingStatus;

/** What a service can set: the two statuses that mean something to a load balancer. */
export type ServingState = 'SERVING' | 'NOT_SERVING';
/** What a health check can answer. SERVICE_UNKNOWN: the server does not know that service name. */
export type HealthStatus = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

/** The serving status per service name; '' is the whole server. */
export interface HealthControl {
  set(service: string, state: ServingState): void;
  get(service: string): HealthStatus;
}

const WIRE_STATUS: Readonly<Record<HealthStatus, healthV1.HealthCheckResponse_ServingStatus>> = Object.freeze({
  UNKNOWN: ServingStatus.UNKNOWN,
  SERVING: ServingStatus.SERVING,
  NOT_SERVING: ServingStatus.NOT_SERVING,
  SERVICE_UNKNOWN: ServingStatus.SERVICE_UNKNOWN,
});

export function healthStatusFromWire(status: healthV1.HealthCheckResponse_ServingStatus): HealthStatus {
  switch (status) {
    case ServingStatus.SERVING:
      return 'SERVING';
    case ServingStatus.NOT_SERVING:
      return 'NOT_SERVING';
    case ServingStatus.SERVICE_UNKNOWN:
      return 'SERVICE_UNKNOWN';
    default:
      return 'UNKNOWN';
  }
}

type Watcher = (status: HealthStatus) => void;

/**
 * grpc.health.v1 over a status map. Once shutdown has begun every status is NOT_SERVING and
 * stays so (like grpc-java's enterTerminalState), so a late `set('SERVING')` from a component
 * still starting cannot invite traffic to a server that is going away.
 */
export class HealthRegistry implements HealthControl {
  private readonly states = new Map<string, ServingState>();
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly enders = new Set<() => void>();
  private terminal = false;

  set(service: string, state: ServingState): void {
    if (this.terminal) return;
    this.apply(service, state);
  }

  get(service: string): HealthStatus {
    return this.states.get(service) ?? 'SERVICE_UNKNOWN';
  }

  /** NOT_SERVING for every service from now on, and Watch streams are ended so the server can drain. */
  enterShutdown(): void {
    if (this.terminal) return;
    for (const service of this.states.keys()) this.apply(service, 'NOT_SERVING');
    this.terminal = true;
    for (const end of [...this.enders]) end();
  }

  readonly check: UnaryHandler<HealthCheckRequest, HealthCheckResponse> = async (request) => {
    const status = this.get(request.service);
    if (status === 'SERVICE_UNKNOWN') {
      throw new DigiCraftError('DC_ERR_HEALTH_SERVICE_UNKNOWN', 'not-found', `Unknown service '${request.service}'`);
    }
    return { status: WIRE_STATUS[status] };
  };

  /** Sends the current status, then every change, until the caller leaves or shutdown ends it. */
  readonly watch: handleServerStreamingCall<HealthCheckRequest, HealthCheckResponse> = (call) => {
    const service = call.request.service;
    const send: Watcher = (status) => {
      call.write({ status: WIRE_STATUS[status] });
    };
    const listeners = this.watchers.get(service) ?? new Set<Watcher>();
    this.watchers.set(service, listeners);
    const stop = (): void => {
      listeners.delete(send);
      this.enders.delete(end);
    };
    const end = (): void => {
      stop();
      call.end();
    };
    send(this.get(service));
    if (this.terminal) {
      call.end();
      return;
    }
    listeners.add(send);
    this.enders.add(end);
    call.once('cancelled', stop);
  };

  private apply(service: string, state: ServingState): void {
    const previous = this.states.get(service);
    this.states.set(service, state);
    if (previous === state) return;
    for (const watcher of this.watchers.get(service) ?? []) watcher(state);
  }
}
