import type { Metadata } from '@grpc/grpc-js';
import type { Logger } from '@digicraft/logging';
import type { Actor } from './metadata';

/** What a handler knows about the call besides its request. */
export interface CallContext {
  /** Full method path, `/digicraft.registration.v1.RegistrationService/GetCompetition`. */
  readonly method: string;
  readonly metadata: Metadata;
  readonly requestId: string;
  readonly correlationId: string;
  readonly traceId: string;
  readonly spanId: string;
  /** The authenticated caller as forwarded by the gateway; undefined for system calls. */
  readonly actor: Actor | undefined;
  /** When the caller stops waiting; undefined when the caller set no deadline. */
  readonly deadline: Date | undefined;
  /** Aborted when the caller cancels or its deadline passes: pass it on to slow work. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

/**
 * An async unary handler. Throw a DigiCraftError to answer with its kind's status; anything
 * else thrown becomes INTERNAL with a generic message.
 */
export type UnaryHandler<Req, Res> = (request: Req, context: CallContext) => Promise<Res>;

/** A ts-proto method definition of a unary method (what `outputServices=grpc-js` generates). */
export interface UnaryMethodDefinition<Req, Res> {
  readonly path: string;
  readonly requestStream: false;
  readonly responseStream: false;
  readonly requestDeserialize: (bytes: Buffer) => Req;
  readonly responseSerialize: (value: Res) => Buffer;
}

/**
 * The handlers a generated service definition asks for, as async functions. A streaming method
 * maps to `never`, so passing a definition with streaming methods does not type-check.
 */
export type AsyncServiceImplementation<S> = {
  readonly [K in keyof S]: S[K] extends UnaryMethodDefinition<infer Req, infer Res> ? UnaryHandler<Req, Res> : never;
};
