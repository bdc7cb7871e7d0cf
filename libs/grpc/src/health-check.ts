import { credentials, Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { healthV1 } from '@digicraft/contracts';
import { fromGrpcError, isServiceError } from './error-status';
import { healthStatusFromWire, type HealthStatus } from './health-service';

export interface CheckHealthOptions {
  /** Default 1000. */
  readonly deadlineMs?: number;
  /** Named in the error when the server cannot be reached; defaults to the address. */
  readonly serviceName?: string;
}

/**
 * One grpc.health.v1 Check against `address` for `service` ('' = the whole server). A service
 * the server does not know answers SERVICE_UNKNOWN; an unreachable server throws unavailable.
 */
export async function checkHealth(address: string, service = '', options: CheckHealthOptions = {}): Promise<HealthStatus> {
  const deadlineMs = options.deadlineMs ?? 1000;
  const client = new healthV1.HealthClient(address, credentials.createInsecure());
  try {
    const response = await new Promise<healthV1.HealthCheckResponse>((resolve, reject) => {
      client.check({ service }, new Metadata(), { deadline: Date.now() + deadlineMs }, (error, res) =>
        error ? reject(error) : resolve(res),
      );
    });
    return healthStatusFromWire(response.status);
  } catch (error) {
    if (isServiceError(error) && error.code === GrpcStatus.NOT_FOUND) return 'SERVICE_UNKNOWN';
    throw fromGrpcError(error, { serviceName: options.serviceName ?? address, deadlineMs });
  } finally {
    client.close();
  }
}
