import type { AccountDoc } from '../store/account-models';

/** What an account looks like to its owner over the API (never the password hash). */
export interface AccountView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly status: string;
  readonly organization?: { readonly name: string; readonly creditCode: string };
  readonly createdAt: string;
}

export function accountView(doc: AccountDoc): AccountView {
  return {
    id: doc._id,
    email: doc.email,
    displayName: doc.displayName,
    roles: doc.roles,
    status: doc.status,
    ...(doc.organization ? { organization: { name: doc.organization.name, creditCode: doc.organization.creditCode } } : {}),
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}
