// A real SMTP server for tests (smtp-server, on a free port of 127.0.0.1), and what it received,
// parsed with mailparser. Point the app at it with SMTP_URL=smtp://127.0.0.1:<port>.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtp {
  url: string;
  received: ParsedMail[];
  /** Resolves with the next message to `to` (one already received counts). */
  waitFor(to: string, timeoutMs?: number): Promise<ParsedMail>;
  /** Refuse (true) or accept (false) every message from now on, as a broken server would. */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const waiters: { to: string; resolve: (mail: ParsedMail) => void }[] = [];
  let refusing = false;
  const addressOf = (mail: ParsedMail) =>
    (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      if (refusing) {
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Service unavailable"), { responseCode: 421 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          for (const waiter of [...waiters]) {
            if (addressOf(mail).includes(waiter.to)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(mail);
            }
          }
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(on) {
      refusing = on;
    },
    waitFor(to, timeoutMs = 10_000) {
      const already = received.find((mail) => addressOf(mail).includes(to));
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          to,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
