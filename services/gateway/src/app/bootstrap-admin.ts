import { ValidationError } from '@digicraft/errors';
import { checkPassword, normalizeEmail } from '../domain/password-policy';
import type { AuthService } from './auth-service';
import type { GatewayStore } from '../store/gateway-store';

export type BootstrapOutcome = 'created' | 'promoted' | 'unchanged';

/**
 * The first admin: created when the e-mail is new, promoted when it already has an account.
 * Safe to run again (it changes nothing the second time).
 */
export async function bootstrapAdmin(
  store: GatewayStore,
  auth: AuthService,
  rawEmail: string,
  password: string,
  displayName = 'Administrator',
): Promise<BootstrapOutcome> {
  const email = normalizeEmail(rawEmail);
  const existing = await store.accounts.findByEmail(email);
  if (existing !== null) {
    if (existing.roles.includes('admin')) return 'unchanged';
    await store.accounts.addRole(existing._id, 'admin');
    return 'promoted';
  }
  const violations = checkPassword(password, email, 'BOOTSTRAP_ADMIN_PASSWORD');
  if (violations.length > 0) throw new ValidationError(violations, 'The bootstrap admin password does not meet the policy');
  await auth.createAccount({ email, displayName, password, roles: ['admin'], origin: 'bootstrap' }, {});
  return 'created';
}
