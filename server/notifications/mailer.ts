import { createTransport } from 'nodemailer';

/** One plain-text e-mail to one address. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail; `send` rejects when the server refuses or cannot be reached. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * A mailer over SMTP with nodemailer: `smtpUrl` as nodemailer reads it (`smtp://user:pass@host:587`,
 * `smtps://…` for TLS from the start), `from` on every message. Bounded waits, so that an SMTP
 * server that hangs holds up the mail queue for seconds, not minutes.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = createTransport(
    { url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 },
    // Tells mail servers and out-of-office replies that no person sent it.
    { from, headers: { 'Auto-Submitted': 'auto-generated' } },
  );
  return {
    async send(mail) {
      await transport.sendMail(mail);
    },
    close() {
      transport.close();
    },
  };
}
