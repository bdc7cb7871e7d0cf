import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Refresh tokens, keyed by the SHA-256 of the token. Rotation and revocation are recorded by
 * INSERTING marker documents keyed by `_id` instead of updating the token: an insert that
 * collides on `_id` is an atomic "already used" test, and on FerretDB an insert is cheap
 * where an update costs a full scan.
 */
export interface RefreshTokenDoc {
  _id: string;
  accountId: string;
  familyId: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Present once the token with this hash has been exchanged. */
export interface RefreshRotationDoc {
  _id: string;
  rotatedAt: Date;
  familyId: string;
  expiresAt: Date;
}

/** Present once a family (one sign-in and all its rotations) is revoked. */
export interface RevokedFamilyDoc {
  _id: string;
  accountId: string;
  reason: 'logout' | 'reuse';
  revokedAt: Date;
  expiresAt: Date;
}

const refreshTokenSchema = new Schema<RefreshTokenDoc>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    familyId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'refresh_tokens', versionKey: false },
);

const rotationSchema = new Schema<RefreshRotationDoc>(
  {
    _id: { type: String, required: true },
    rotatedAt: { type: Date, required: true },
    familyId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'refresh_rotations', versionKey: false },
);

const revokedFamilySchema = new Schema<RevokedFamilyDoc>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    reason: { type: String, required: true },
    revokedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'revoked_families', versionKey: false },
);

export interface SessionModels {
  readonly RefreshToken: Model<RefreshTokenDoc>;
  readonly RefreshRotation: Model<RefreshRotationDoc>;
  readonly RevokedFamily: Model<RevokedFamilyDoc>;
}

export function sessionModels(conn: Connection): SessionModels {
  return {
    RefreshToken: conn.models.RefreshToken ?? conn.model<RefreshTokenDoc>('RefreshToken', refreshTokenSchema),
    RefreshRotation: conn.models.RefreshRotation ?? conn.model<RefreshRotationDoc>('RefreshRotation', rotationSchema),
    RevokedFamily: conn.models.RevokedFamily ?? conn.model<RevokedFamilyDoc>('RevokedFamily', revokedFamilySchema),
  };
}
