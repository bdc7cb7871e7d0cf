import { randomUUID } from 'node:crypto';
import { hashToken, newOpaqueToken } from '../domain/token-rules';
import { signJwt, type SigningKey } from '../security/jwt';
import type { AccountDoc } from '../store/account-models';
import type { SessionRepository } from '../store/session-repository';

export interface SessionTokens {
  readonly tokenType: 'Bearer';
  readonly accessToken: string;
  /** Seconds until the access token expires. */
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshExpiresIn: number;
}

export interface SessionIssuerOptions {
  readonly sessions: SessionRepository;
  readonly signingKey: SigningKey;
  readonly issuer: string;
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
}

/** Issues an access token plus a refresh token in a family (a new one on sign-in). */
export class SessionIssuer {
  constructor(private readonly options: SessionIssuerOptions) {}

  async issue(account: AccountDoc, familyId: string = randomUUID()): Promise<SessionTokens> {
    const { options } = this;
    const now = Date.now();
    const refreshToken = newOpaqueToken();
    await options.sessions.insertToken({
      _id: hashToken(refreshToken),
      accountId: account._id,
      familyId,
      createdAt: new Date(now),
      expiresAt: new Date(now + options.refreshTtlSeconds * 1000),
    });
    const iat = Math.floor(now / 1000);
    const accessToken = signJwt(
      { sub: account._id, roles: account.roles, iss: options.issuer, iat, exp: iat + options.accessTtlSeconds, sid: familyId },
      options.signingKey,
    );
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn: options.accessTtlSeconds,
      refreshToken,
      refreshExpiresIn: options.refreshTtlSeconds,
    };
  }

  get accessTtlSeconds(): number {
    return this.options.accessTtlSeconds;
  }
}
