import { HTTP_STATUS_BY_KIND, type DigiCraftError, type FieldViolation } from '@digicraft/errors';

/** RFC 9457 problem details with our extension members `code`, `requestId` and `errors`. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly requestId: string;
  readonly errors?: readonly FieldViolation[];
}

export const PROBLEM_TYPE_BASE = 'https://digicraft.dev/problems/';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemInput {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly instance: string;
  readonly requestId: string;
  readonly errors?: readonly FieldViolation[];
}

export function buildProblem(input: ProblemInput): Problem {
  const slug = input.code.replace(/^DC_ERR_/, '').toLowerCase().replace(/_/g, '-');
  return {
    type: `${PROBLEM_TYPE_BASE}${slug}`,
    title: TITLES[input.status] ?? 'Error',
    status: input.status,
    detail: input.detail,
    instance: input.instance,
    code: input.code,
    requestId: input.requestId,
    ...(input.errors && input.errors.length > 0 ? { errors: input.errors } : {}),
  };
}

export function statusOf(error: DigiCraftError): number {
  return HTTP_STATUS_BY_KIND[error.kind];
}
