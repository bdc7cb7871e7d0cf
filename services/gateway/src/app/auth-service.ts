import { randomUUID } from 'node:crypto';
import { ValidationError } from '@digicraft/errors';
import type { OutboxEntry } from '@digicraft/messaging';
import {
  AccountDisabledError,
  AuthenticationRequiredError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  RateLimitedError,
  RefreshTokenReusedError,
} from '../domain/errors';
import { normalizeEmail } from '../domain/password-policy';
import { checkSignup, type SignupInput } from '../domain/signup-rules';
import { hashToken, looksLikeOpaqueToken } from '../domain/token-rules';
import { accountCreatedEvent } from '../events/account-created';
import type { LoginBackoff } from '../redis/login-backoff';
import type { RevokedSessions } from '../redis/revoked-sessions';
import { dummyPasswordHash, hashPassword, verifyPassword, type HashCost } from '../security/password-hash';
import type { AccountDoc } from '../store/account-models';
import type { GatewayStore } from '../store/gateway-store';
import type { SessionIssuer, SessionTokens } from './session-issuer';

export interface AuthServiceOptions {
  readonly store: GatewayStore;
  readonly issuer: SessionIssuer;
  readonly backoff: LoginBackoff;
  readonly revoked: RevokedSessions;
  readonly hashCost: HashCost;
  /** Hands freshly written outbox entries to the relay (fast path); the sweep covers misses. */
  readonly onEventsWritten: (entries: readonly OutboxEntry[]) => void;
}

export interface TraceIds {
  readonly correlationId?: string | undefined;
  readonly traceparent?: string | undefined;
}

export interface SessionResult {
  readonly account: AccountDoc;
  readonly tokens: SessionTokens;
}

/** Sign-up, login, refresh-token rotation and logout. */
export class AuthService {
  constructor(private readonly options: AuthServiceOptions) {}

  async signup(raw: SignupInput, trace: TraceIds): Promise<SessionResult> {
    const input: SignupInput = {
      ...raw,
      email: normalizeEmail(raw.email),
      displayName: raw.displayName.trim(),
      ...(raw.organization
        ? { organization: { name: raw.organization.name.trim(), creditCode: raw.organization.creditCode.trim().toUpperCase() } }
        : {}),
    };
    const violations = checkSignup(input);
    if (violations.length > 0) throw new ValidationError(violations);
    const account = await this.createAccount(
      {
        email: input.email,
        displayName: input.displayName,
        password: input.password,
        roles: [input.role],
        origin: 'signup',
        organization: input.organization,
      },
      trace,
    );
    return { account, tokens: await this.options.issuer.issue(account) };
  }

  /** Writes the account together with its `account.created` outbox entry in one insert. */
  async createAccount(
    input: Pick<AccountDoc, 'email' | 'displayName' | 'roles' | 'origin' | 'organization' | 'invitedBy'> & { password: string },
    trace: TraceIds,
  ): Promise<AccountDoc> {
    const id = randomUUID();
    const createdAt = new Date();
    const event = accountCreatedEvent({ accountId: id, roles: input.roles, origin: input.origin, invitedBy: input.invitedBy, createdAt, ...trace });
    const account: AccountDoc = {
      _id: id,
      email: input.email,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password, this.options.hashCost),
      roles: [...input.roles],
      status: 'active',
      origin: input.origin,
      ...(input.organization ? { organization: input.organization } : {}),
      ...(input.invitedBy ? { invitedBy: input.invitedBy } : {}),
      createdAt,
      outbox: [event],
      outboxAt: new Date(),
    };
    await this.options.store.accounts.create(account);
    this.options.onEventsWritten([event]);
    return account;
  }

  async login(rawEmail: string, password: string): Promise<SessionResult> {
    const email = normalizeEmail(rawEmail);
    const lockedMs = await this.options.backoff.lockedForMs(email);
    if (lockedMs > 0) {
      throw new RateLimitedError(lockedMs / 1000, 'DC_ERR_LOGIN_LOCKED', 'Too many failed logins; wait before trying again');
    }
    const account = await this.options.store.accounts.findByEmail(email);
    // Unknown e-mails still pay for one scrypt, so timing does not tell whether they exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyPasswordHash(this.options.hashCost)));
    if (account === null || !ok) {
      await this.options.backoff.recordFailure(email);
      throw new InvalidCredentialsError();
    }
    if (account.status !== 'active') throw new AccountDisabledError();
    await this.options.backoff.reset(email);
    return { account, tokens: await this.options.issuer.issue(account) };
  }

  /**
   * Rotation: the presented token is exchanged exactly once. Presenting it again means it was
   * copied (or the client is broken): the whole family is revoked, the thief's copy included.
   */
  async refresh(refreshToken: string): Promise<SessionResult> {
    const { sessions, accounts } = this.options.store;
    if (!looksLikeOpaqueToken(refreshToken)) throw new InvalidRefreshTokenError();
    const token = await sessions.findToken(hashToken(refreshToken));
    const now = new Date();
    if (token === null || token.expiresAt.getTime() <= now.getTime()) throw new InvalidRefreshTokenError();
    if (await sessions.isFamilyRevoked(token.familyId)) throw new InvalidRefreshTokenError();
    if ((await sessions.claimRotation(token, now)) === 'already-rotated') {
      await this.revokeFamily(token.familyId, token.accountId, 'reuse', token.expiresAt);
      throw new RefreshTokenReusedError();
    }
    const account = await accounts.findById(token.accountId);
    if (account === null || account.status !== 'active') {
      await this.revokeFamily(token.familyId, token.accountId, 'logout', token.expiresAt);
      throw new InvalidRefreshTokenError();
    }
    return { account, tokens: await this.options.issuer.issue(account, token.familyId) };
  }

  /** Ends the session the refresh token belongs to; unknown tokens are ignored (nothing to end). */
  async logout(refreshToken: string): Promise<void> {
    if (!looksLikeOpaqueToken(refreshToken)) return;
    const token = await this.options.store.sessions.findToken(hashToken(refreshToken));
    if (token === null) return;
    await this.revokeFamily(token.familyId, token.accountId, 'logout', token.expiresAt);
  }

  async me(accountId: string): Promise<AccountDoc> {
    const account = await this.options.store.accounts.findById(accountId);
    if (account === null) throw new AuthenticationRequiredError('The account of this token no longer exists');
    return account;
  }

  private async revokeFamily(familyId: string, accountId: string, reason: 'logout' | 'reuse', expiresAt: Date): Promise<void> {
    await this.options.store.sessions.revokeFamily(familyId, accountId, reason, expiresAt);
    await this.options.revoked.revoke(familyId);
  }
}
