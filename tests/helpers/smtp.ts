import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One e-mail as the test SMTP server received it, decoded by mailparser. */
export interface ReceivedMail {
  /** The envelope's recipients. */
  to: string[];
  /** The sender as `Name <address>`. */
  from: string;
  subject: string;
  text: string;
  /** Lower-case header names. */
  headers: Map<string, unknown>;
}

export interface TestSmtp {
  /** `smtp://user:pass@127.0.0.1:<port>`, for SMTP_URL. */
  readonly url: string;
  /** Every mail accepted so far, in the order it arrived. */
  readonly mails: ReceivedMail[];
  /** While true, every message is refused with a temporary error (451), as a failing server would. */
  refusing: boolean;
  /** How many messages were refused so far. */
  readonly refused: number;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1, port 0, that wants a login
 * and keeps what it receives. No STARTTLS: the test's nodemailer talks plain SMTP to it.
 */
export async function startTestSmtp(user = 'samskriv', pass = 'smtp-passord'): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  let refused = 0;
  const state = { refusing: false };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(new Error('wrong login'));
    },
    onData(stream, session, callback) {
      if (state.refusing) {
        refused += 1;
        stream.on('end', () => callback(Object.assign(new Error('try again later'), { responseCode: 451 })));
        stream.resume();
        return;
      }
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: (parsed.from?.value ?? []).map((a) => (a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? ''))).join(', '),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            headers: parsed.headers,
          });
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    mails,
    get refusing() {
      return state.refusing;
    },
    set refusing(value: boolean) {
      state.refusing = value;
    },
    get refused() {
      return refused;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
