import {
  credentials as grpcCredentials,
  type ChannelCredentials,
  type Client,
  type ClientOptions,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import { DigiCraftError } from '@digicraft/errors';
import { LEAN_CHANNEL_OPTIONS } from './channel-options';
import type { Logger } from '@digicraft/logging';

/** What ts-proto generates as `XxxClient`: a constructor that also carries its service definition. */
export interface GrpcClientConstructor<C extends Client> {
  new (address: string, credentials: ChannelCredentials, options?: Partial<ClientOptions>): C;
  readonly service: ServiceDefinition;
}

export interface GrpcClientOptions {
  readonly logger: Logger;
  /** Deadline of every call that does not set its own. Required: a call without one can hang forever. */
  readonly deadlineMs: number;
  /** The service called, as people name it (`registration`); errors name it. */
  readonly serviceName: string;
  /** Insecure unless given: inside the cluster TLS is the mesh's job. */
  readonly credentials?: ChannelCredentials;
  readonly channelOptions?: Partial<ClientOptions>;
}

/** A generated client plus what every call through `call()` needs. */
export interface DigiCraftGrpcClient<C extends Client> {
  /** The generated stub, for what call() does not cover (streaming). Mind the deadline. */
  readonly stub: C;
  readonly address: string;
  readonly serviceName: string;
  readonly deadlineMs: number;
  readonly logger: Logger;
  readonly definition: ServiceDefinition;
  close(): void;
}

export function assertDeadline(deadlineMs: number, what: string): void {
  if (!Number.isFinite(deadlineMs) || deadlineMs <= 0) {
    throw new RangeError(`${what} must be a positive number of milliseconds, got ${deadlineMs}`);
  }
}

export function createGrpcClient<C extends Client>(
  ClientCtor: GrpcClientConstructor<C>,
  address: string,
  options: GrpcClientOptions,
): DigiCraftGrpcClient<C> {
  assertDeadline(options.deadlineMs, `deadlineMs of the ${options.serviceName} client`);
  const stub = new ClientCtor(address, options.credentials ?? grpcCredentials.createInsecure(), { ...LEAN_CHANNEL_OPTIONS, ...options.channelOptions });
  return {
    stub,
    address,
    serviceName: options.serviceName,
    deadlineMs: options.deadlineMs,
    logger: options.logger,
    definition: ClientCtor.service,
    close: () => stub.close(),
  };
}

/** Resolves once the channel is connected; rejects with an unavailable error naming the service. */
export function waitForReady<C extends Client>(client: DigiCraftGrpcClient<C>, deadlineMs: number): Promise<void> {
  assertDeadline(deadlineMs, 'waitForReady deadlineMs');
  return new Promise((resolve, reject) => {
    client.stub.waitForReady(Date.now() + deadlineMs, (error) => {
      if (error) {
        const message = `${client.serviceName} at ${client.address} was not reachable within ${deadlineMs} ms`;
        reject(new DigiCraftError('DC_ERR_UNAVAILABLE', 'unavailable', message, { cause: error }));
        return;
      }
      resolve();
    });
  });
}
