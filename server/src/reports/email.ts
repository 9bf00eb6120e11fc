/**
 * E-mail delivery of scheduled reports: the file as an attachment, through the mail server in
 * STORELENS_SMTP_URL (smtp:// or smtps://, credentials in the URL). The addresses are checked when a
 * schedule is made (so a typo is a 400, not a failed delivery at 8 in the morning).
 */
import nodemailer from 'nodemailer';

/** At most this many addresses per schedule (a report is not a mailing list). */
export const MAX_RECIPIENTS = 20;
const ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/;

/** The addresses of an e-mail target ("a@x.com, b@y.cn"), or the reason they cannot be used. */
export function emailRecipients(target: string): { addresses: string[] } | { error: string } {
  const addresses = target
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (addresses.length === 0) return { error: 'An e-mail target is one or more addresses, comma-separated.' };
  if (addresses.length > MAX_RECIPIENTS) return { error: `An e-mail target has at most ${MAX_RECIPIENTS} addresses.` };
  const bad = addresses.find((a) => !ADDRESS.test(a));
  if (bad) return { error: `"${bad}" is not an e-mail address.` };
  return { addresses };
}

export interface ReportEmail {
  to: string[];
  subject: string;
  text: string;
  attachment: { filename: string; content: Buffer; contentType: string };
}

/** Sends one report e-mail; resolves to the message id the mail server accepted it under. */
export type SendReportEmail = (mail: ReportEmail) => Promise<string>;

export function smtpSender(smtpUrl: string, from: string): SendReportEmail {
  // One transport for the server's life; nodemailer connects per message.
  // Timeouts well under the scheduler's retry delays: a dead mail server is a failed attempt, retried.
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return async (mail) => {
    const info = await transport.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments: [mail.attachment],
    });
    if (info.rejected.length > 0) throw new Error(`the mail server refused ${info.rejected.join(', ')}`);
    return info.messageId;
  };
}
