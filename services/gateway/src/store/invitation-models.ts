import { Schema, type Connection, type Model } from 'mongoose';
import type { InvitableRole } from '../domain/roles';

/** A role invitation, keyed by the SHA-256 of its token (the token itself is shown once). */
export interface InvitationDoc {
  _id: string;
  role: InvitableRole;
  /** When set, only this e-mail may accept. */
  email?: string | undefined;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Inserted when an invitation is accepted; the `_id` collision makes acceptance single-use. */
export interface InvitationAcceptanceDoc {
  _id: string;
  accountId: string;
  acceptedAt: Date;
}

const invitationSchema = new Schema<InvitationDoc>(
  {
    _id: { type: String, required: true },
    role: { type: String, required: true },
    email: { type: String, required: false },
    invitedBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'role_invitations', versionKey: false },
);

const acceptanceSchema = new Schema<InvitationAcceptanceDoc>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    acceptedAt: { type: Date, required: true },
  },
  { collection: 'role_invitation_acceptances', versionKey: false },
);

export interface InvitationModels {
  readonly Invitation: Model<InvitationDoc>;
  readonly InvitationAcceptance: Model<InvitationAcceptanceDoc>;
}

export function invitationModels(conn: Connection): InvitationModels {
  return {
    Invitation: conn.models.Invitation ?? conn.model<InvitationDoc>('Invitation', invitationSchema),
    InvitationAcceptance:
      conn.models.InvitationAcceptance ?? conn.model<InvitationAcceptanceDoc>('InvitationAcceptance', acceptanceSchema),
  };
}
