import type { FieldViolation } from '@digicraft/errors';

/** The parts of an ajv error fastify hands to the error handler. */
export interface SchemaViolation {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string | undefined;
}

/** `/organization/creditCode` → `organization.creditCode`, `/tracks/0/name` → `tracks[0].name`. */
function pathToField(instancePath: string): string {
  return instancePath
    .split('/')
    .filter((part) => part.length > 0)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === '' ? part : `${acc}.${part}`), '');
}

function join(base: string, child: string): string {
  return base === '' ? child : `${base}.${child}`;
}

/**
 * One violation per bad field, named the way clients address fields. Missing and unexpected
 * properties are reported on the property itself, not on its parent object.
 */
export function fieldViolations(errors: readonly SchemaViolation[], context: string | undefined): FieldViolation[] {
  const prefix = context === undefined || context === 'body' ? '' : context === 'querystring' ? 'query' : context;
  const seen = new Set<string>();
  const out: FieldViolation[] = [];
  for (const e of errors) {
    let field = pathToField(e.instancePath);
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') {
      field = join(field, e.params.missingProperty);
      message = 'is required';
    } else if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
      field = join(field, e.params.additionalProperty);
      message = 'is not allowed';
    }
    const named = join(prefix, field) || '(root)';
    const key = `${named}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field: named, message });
  }
  return out;
}
