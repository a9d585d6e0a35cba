// Mailpit's JSON shapes (../shared/reference/mailpit-api.md), field names and casing kept exactly
// so that existing clients (the npm `mailpit-api` package, cypress-mailpit) work unchanged.
// smtp-lab's additions are extra fields, which those clients ignore.
// This file holds types only: the browser client imports it too.

export interface MailAddress {
  Name: string;
  Address: string;
}

export interface MessageSummary {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: MailAddress | null;
  To: MailAddress[];
  Cc: MailAddress[];
  Bcc: MailAddress[];
  ReplyTo: MailAddress[];
  Subject: string;
  /** RFC 3339 with fraction: when smtp-lab accepted the mail. */
  Created: string;
  /** The SMTP AUTH user that sent the mail, or "". */
  Username: string;
  Tags: string[];
  Size: number;
  /** A count in the summary (Mailpit's casing); the full message lists them. */
  Attachments: number;
  Snippet: string;
  /** smtp-lab: the SMTP session that delivered the mail. */
  SessionID: string;
  /** smtp-lab: the envelope sender (MAIL FROM), "" for the null sender; shown when From is missing. */
  MailFrom: string;
}

export interface AttachmentChecksums {
  MD5: string;
  SHA1: string;
  SHA256: string;
}

export interface Attachment {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
  Size: number;
  Checksums: AttachmentChecksums;
}

export interface Envelope {
  MailFrom: string;
  RcptTo: string[];
}

export interface Message {
  ID: string;
  MessageID: string;
  From: MailAddress | null;
  To: MailAddress[];
  Cc: MailAddress[];
  Bcc: MailAddress[];
  ReplyTo: MailAddress[];
  ReturnPath: string;
  Subject: string;
  /** The Date header, RFC 3339; the receive time when the header is missing or invalid. */
  Date: string;
  Tags: string[];
  Username: string;
  Text: string;
  HTML: string;
  Size: number;
  Inline: Attachment[];
  Attachments: Attachment[];
  /** smtp-lab: the session that delivered it and the SMTP envelope. */
  SessionID: string;
  Envelope: Envelope;
  Read: boolean;
  Created: string;
}

export interface MessagesList {
  total: number;
  unread: number;
  count: number;
  messages_count: number;
  messages_unread: number;
  start: number;
  tags: string[];
  messages: MessageSummary[];
}

export interface MailboxStats {
  Total: number;
  Unread: number;
  Version: string;
}
