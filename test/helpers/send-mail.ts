// nodemailer against a lab listener, as an application under test would send.
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export function labTransport(port: number, options: Partial<SMTPTransport.Options> = {}) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...options });
}
