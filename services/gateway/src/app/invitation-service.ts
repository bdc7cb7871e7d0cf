import { ValidationError, type FieldViolation } from '@digicraft/errors';
import { ForbiddenError, InvitationEmailMismatchError, InvitationInvalidError } from '../domain/errors';
import { mayInvite } from '../domain/invitation-policy';
import { checkPassword, normalizeEmail } from '../domain/password-policy';
import type { InvitableRole, Role } from '../domain/roles';
import { hashToken, looksLikeOpaqueToken, newOpaqueToken } from '../domain/token-rules';
import type { AccountDoc } from '../store/account-models';
import type { GatewayStore } from '../store/gateway-store';
import type { InvitationDoc } from '../store/invitation-models';
import type { AuthService, SessionResult, TraceIds } from './auth-service';
import type { SessionIssuer } from './session-issuer';

export interface InvitationServiceOptions {
  readonly store: GatewayStore;
  readonly auth: AuthService;
  readonly issuer: SessionIssuer;
  readonly ttlSeconds: number;
}

export interface Inviter {
  readonly id: string;
  readonly roles: readonly Role[];
}

export interface CreatedInvitation {
  /** Shown once: it is what the invitee presents. Only its hash is stored. */
  readonly token: string;
  readonly role: InvitableRole;
  readonly email?: string;
  readonly expiresAt: Date;
}

export interface AcceptInput {
  readonly token: string;
  readonly email?: string | undefined;
  readonly password?: string | undefined;
  readonly displayName?: string | undefined;
}

/** Judges and organizers (and further admins) join by invitation. */
export class InvitationService {
  constructor(private readonly options: InvitationServiceOptions) {}

  async create(inviter: Inviter, role: InvitableRole, rawEmail: string | undefined): Promise<CreatedInvitation> {
    if (!mayInvite(inviter.roles, role)) throw new ForbiddenError(`Your roles do not allow inviting a ${role}`);
    const token = newOpaqueToken();
    const now = new Date();
    const email = rawEmail === undefined ? undefined : normalizeEmail(rawEmail);
    const doc: InvitationDoc = {
      _id: hashToken(token),
      role,
      ...(email ? { email } : {}),
      invitedBy: inviter.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.options.ttlSeconds * 1000),
    };
    await this.options.store.invitations.insert(doc);
    return { token, role, ...(email ? { email } : {}), expiresAt: doc.expiresAt };
  }

  /**
   * A signed-in caller gets the role added to their account; anyone else creates a new account
   * with it. Either way the invitation is spent by the first acceptance.
   */
  async accept(input: AcceptInput, signedInAs: string | undefined, trace: TraceIds): Promise<SessionResult> {
    const invitation = await this.findUsable(input.token);
    return signedInAs === undefined
      ? this.acceptAsNewAccount(invitation, input, trace)
      : this.acceptForExisting(invitation, signedInAs);
  }

  private async findUsable(token: string): Promise<InvitationDoc> {
    if (!looksLikeOpaqueToken(token)) throw new InvitationInvalidError();
    const invitation = await this.options.store.invitations.findByHash(hashToken(token));
    if (invitation === null || invitation.expiresAt.getTime() <= Date.now()) throw new InvitationInvalidError();
    return invitation;
  }

  private async acceptForExisting(invitation: InvitationDoc, accountId: string): Promise<SessionResult> {
    const { accounts, invitations } = this.options.store;
    const account = await accounts.findById(accountId);
    if (account === null) throw new InvitationInvalidError();
    if (invitation.email !== undefined && invitation.email !== account.email) throw new InvitationEmailMismatchError();
    if (!(await invitations.claimAcceptance(invitation._id, accountId))) throw new InvitationInvalidError();
    await accounts.addRole(accountId, invitation.role);
    const updated: AccountDoc = { ...account, roles: [...new Set([...account.roles, invitation.role])] };
    return { account: updated, tokens: await this.options.issuer.issue(updated) };
  }

  private async acceptAsNewAccount(invitation: InvitationDoc, input: AcceptInput, trace: TraceIds): Promise<SessionResult> {
    const email = input.email === undefined ? invitation.email : normalizeEmail(input.email);
    const violations: FieldViolation[] = [];
    if (email === undefined) violations.push({ field: 'email', message: 'is required to create an account' });
    if (input.displayName === undefined || input.displayName.trim() === '') {
      violations.push({ field: 'displayName', message: 'is required to create an account' });
    }
    if (input.password === undefined) violations.push({ field: 'password', message: 'is required to create an account' });
    else violations.push(...checkPassword(input.password, email ?? ''));
    if (violations.length > 0 || email === undefined || input.password === undefined || input.displayName === undefined) {
      throw new ValidationError(violations);
    }
    if (invitation.email !== undefined && invitation.email !== email) throw new InvitationEmailMismatchError();
    const { invitations } = this.options.store;
    const placeholderId = `pending:${invitation._id}`;
    if (!(await invitations.claimAcceptance(invitation._id, placeholderId))) throw new InvitationInvalidError();
    try {
      const account = await this.options.auth.createAccount(
        { email, displayName: input.displayName.trim(), password: input.password, roles: [invitation.role], origin: 'invitation', invitedBy: invitation.invitedBy },
        trace,
      );
      return { account, tokens: await this.options.issuer.issue(account) };
    } catch (err) {
      // e.g. the e-mail is taken: the invitation stays usable (by signing in and accepting).
      await invitations.releaseAcceptance(invitation._id, placeholderId);
      throw err;
    }
  }
}
