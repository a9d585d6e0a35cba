// The one error type of the SMTP boundary: smtp-server turns `responseCode` into the reply code
// and the message into its text.

export class SmtpReplyError extends Error {
  readonly responseCode: number;

  constructor(responseCode: number, message: string) {
    super(message);
    this.name = 'SmtpReplyError';
    this.responseCode = responseCode;
  }
}
