import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_POLICY_TEXT } from '../domain/password-policy';
import { ROLES } from '../domain/roles';

/** Shared JSON schemas; they become `components.schemas` of the OpenAPI document. */

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'Stable machine-readable error code, e.g. DC_ERR_VALIDATION' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Every invalid field (validation failures only)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

export const accountSchema = {
  $id: 'Account',
  type: 'object',
  required: ['id', 'email', 'displayName', 'roles', 'status', 'createdAt'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string', enum: [...ROLES] } },
    status: { type: 'string', enum: ['active', 'disabled'] },
    organization: {
      type: 'object',
      required: ['name', 'creditCode'],
      properties: { name: { type: 'string' }, creditCode: { type: 'string' } },
    },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const sessionSchema = {
  $id: 'Session',
  type: 'object',
  required: ['tokenType', 'accessToken', 'expiresIn', 'refreshToken', 'refreshExpiresIn'],
  properties: {
    tokenType: { type: 'string', enum: ['Bearer'] },
    accessToken: { type: 'string', description: 'JWT (RS256 or EdDSA, by the configured key), send as `Authorization: Bearer …`' },
    expiresIn: { type: 'integer', description: 'Seconds until the access token expires (at most 900)' },
    refreshToken: { type: 'string', description: 'Opaque; single use, rotated by POST /v1/auth/refresh' },
    refreshExpiresIn: { type: 'integer' },
  },
} as const;

export const accountWithSessionSchema = {
  type: 'object',
  required: ['account', 'session'],
  properties: { account: { $ref: 'Account#' }, session: { $ref: 'Session#' } },
} as const;

export const emailField = { type: 'string', format: 'email', maxLength: 254 } as const;
export const passwordField = {
  type: 'string',
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `Password policy: ${PASSWORD_POLICY_TEXT}`,
} as const;
export const displayNameField = { type: 'string', minLength: 1, maxLength: 100 } as const;
export const opaqueTokenField = { type: 'string', minLength: 1, maxLength: 512 } as const;

const problemRef = { $ref: 'Problem#' } as const;

/** Error responses every route can give, documented once. */
export function withProblems<T extends Record<number, unknown>>(responses: T): T & Record<string, unknown> {
  return { ...responses, '4xx': problemRef, '5xx': problemRef };
}

export const SHARED_SCHEMAS = [problemSchema, accountSchema, sessionSchema] as const;
