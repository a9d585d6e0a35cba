// Lab accounts over HTTP (/api/lab/account/…, /api/lab/admin/accounts/…): what the server answers
// and the browser and the CLI read. camelCase, like every route of the practical work. Types only.

export interface AppPasswordView {
  id: string;
  label: string;
  createdAt: string;
}

/** An instructor sees the whole class; a student only their own inbox (in class mode). */
export type AccountRole = 'student' | 'instructor';

export interface AccountView {
  address: string;
  role: AccountRole;
  /** The person's name, when a class roster gave one. */
  name?: string;
  createdAt: string;
  appPasswords: AppPasswordView[];
}

/** `{ account }`: sign-up, sign-in, who am I. */
export interface AccountResponse {
  account: AccountView;
}

/** The only answer that ever carries an app password (shown once, then forgotten). */
export interface NewAppPasswordResponse {
  appPassword: AppPasswordView;
  password: string;
  /** Grouped by four, as Google shows it: "abcd efgh ijkl mnop". */
  display: string;
}
