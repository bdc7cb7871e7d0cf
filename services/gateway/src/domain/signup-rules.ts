import type { FieldViolation } from '@digicraft/errors';
import { checkCreditCode } from './credit-code';
import { checkPassword } from './password-policy';
import type { SelfSignupRole } from './roles';

export interface SignupInput {
  readonly role: SelfSignupRole;
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  readonly organization?: { readonly name: string; readonly creditCode: string } | undefined;
}

/**
 * The rules JSON Schema cannot express (checksums, cross-field requirements). The route schema
 * has already checked types, lengths and shapes; every violation found here is reported at once.
 */
export function checkSignup(input: SignupInput): FieldViolation[] {
  const violations = checkPassword(input.password, input.email);
  if (input.displayName.trim().length === 0) violations.push({ field: 'displayName', message: 'must not be blank' });
  if (input.role === 'enterprise') {
    if (input.organization === undefined) {
      violations.push({ field: 'organization', message: 'is required for enterprise accounts' });
    } else {
      if (input.organization.name.trim().length === 0) violations.push({ field: 'organization.name', message: 'must not be blank' });
      const problem = checkCreditCode(input.organization.creditCode);
      if (problem === 'format') {
        violations.push({ field: 'organization.creditCode', message: 'must be an 18-character unified social credit code' });
      } else if (problem === 'checksum') {
        violations.push({ field: 'organization.creditCode', message: 'check character does not match (GB 32100-2015)' });
      }
    }
  } else if (input.organization !== undefined) {
    violations.push({ field: 'organization', message: 'is only for enterprise accounts' });
  }
  return violations;
}
