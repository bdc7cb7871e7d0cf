import * as contracts from '@digicraft/contracts';
import type { KafkaMessage } from 'kafkajs';
import { headerText } from '../envelope';

export interface DescribedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: Record<string, string>;
  readonly payload: unknown;
  readonly payloadBase64?: string;
}

interface JsonCodec {
  decode(bytes: Uint8Array): unknown;
  toJSON(message: unknown): unknown;
}

function isJsonCodec(value: unknown): value is JsonCodec {
  const codec = value as Partial<JsonCodec> | null;
  return typeof codec === 'object' && codec !== null && typeof codec.decode === 'function' && typeof codec.toJSON === 'function';
}

/** The contracts catalogue's codec for a type, if the catalogue knows it. */
function codecFor(type: string | undefined): JsonCodec | undefined {
  if (type === undefined) return undefined;
  const codec: unknown = contracts.eventTypeByName(type)?.codec;
  return isJsonCodec(codec) ? codec : undefined;
}

/** A message as humans read it: text headers and the payload as JSON when its type is known. */
export function describeMessage(topic: string, partition: number, message: KafkaMessage): DescribedMessage {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(message.headers ?? {})) headers[name] = headerText(message.headers, name) ?? '';
  const base = { topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, headers };
  const value = message.value;
  if (value === null) return { ...base, payload: null };
  const codec = codecFor(headers.type);
  if (codec) {
    try {
      return { ...base, payload: codec.toJSON(codec.decode(value)) };
    } catch {
      // Fall through: an undecodable payload is shown raw.
    }
  }
  return { ...base, payload: null, payloadBase64: value.toString('base64') };
}
