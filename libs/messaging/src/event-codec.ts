/**
 * What messaging needs from a payload type. ts-proto's generated `MessageFns<T>` satisfies it,
 * so the contracts package plugs in without messaging depending on generated code.
 */
export interface EventCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
}

/** One event type: its versioned name, the topic it travels on and its payload codec. */
export interface EventDefinition<T> {
  readonly type: string;
  readonly topic: string;
  readonly codec: EventCodec<T>;
}
