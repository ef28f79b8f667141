/**
 * Delivers what steps wrote to the outbox after their transaction committed: in-app notifications,
 * e-mail (SMTP when configured, otherwise recorded as undelivered with the reason) and signed
 * webhook calls with exponential backoff. A webhook that still fails after the last attempt opens
 * an incident and tells the waiting flow (its `onError` path, or a failed instance).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Assignee } from '../../engine/index.js';
import type { CaseService } from '../cases/types.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { NewNotification, OutboxRow, Store, UserRow } from '../store/store.js';
import { PollingJob } from './polling-job.js';
import { deliverSubflowRow, isSubflowRow } from './subflow-delivery.js';
import { checkedAddress, systemLookup, type WebhookLookup } from './webhook-address.js';
import { allowedTarget } from './webhook-allow-list.js';
import { postPinned } from './webhook-request.js';
import { signWebhook } from './webhook-signature.js';

export interface OutboxDeps {
  store: Store;
  cases: CaseService;
  clock: Clock;
  config: Pick<
    Config,
    'webhookAllowList' | 'webhookAllowPrivate' | 'webhookSecret' | 'webhookMaxAttempts' | 'smtpUrl'
  >;
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>;
  owner: string;
  /**
   * Replaces the delivery to the checked address (tests that only count calls); by default the call
   * connects to the address that passed the check (webhook-request.ts).
   */
  fetch?: typeof fetch;
  /** Resolves a webhook's host at delivery time; defaults to the system resolver (tests fake DNS). */
  lookup?: WebhookLookup;
  /** `text` is the plain-text body; `html` the same text escaped for HTML (see `mailHtml`). */
  sendMail?: (to: string, subject: string, text: string, html: string) => Promise<void>;
}

type Texts = { en: string; zh: string };

async function recipients(store: Store, to: Assignee[]): Promise<UserRow[]> {
  const users = new Map<string, UserRow>();
  for (const a of to) {
    if ('user' in a) {
      const u = await store.getUser(a.user);
      if (u && !u.disabled) users.set(u.id, u);
    } else {
      for (const u of await store.listUsersByRole(a.role)) if (!u.disabled) users.set(u.id, u);
    }
  }
  return [...users.values()];
}

function pick(texts: Texts | null | undefined, user: UserRow): string {
  if (!texts) return '';
  return user.language === 'en' ? texts.en : texts.zh;
}

/** Retry delay after `attempts` failures: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 600_000);
}

/**
 * The in-app notification one recipient gets for a notify outbox row, in their language. The id is
 * one per outbox row and user, so a redelivery after a crash cannot notify twice. (The seeder uses
 * this too, to deliver a year of historic notices the way this worker would.)
 */
export function notificationFor(
  row: Pick<OutboxRow, 'id' | 'payload'>,
  user: UserRow,
  at: string,
): NewNotification {
  const payload = row.payload as {
    text?: Texts;
    subject?: Texts | null;
    caseTitle?: Texts;
    caseNumber?: string;
    recordId?: string;
  };
  const body = pick(payload.text, user);
  const subject = pick(payload.subject, user);
  const about = pick(payload.caseTitle, user);
  // The title names the case (and the subject, when there is one), never just repeats the body;
  // a subject that already names the case's number is title enough ("服务单 RMA-… 已维修完成").
  const named = Boolean(subject && payload.caseNumber && subject.includes(payload.caseNumber));
  const title =
    about && !named
      ? subject
        ? `${about} · ${subject}`
        : about
      : subject || body.split('\n')[0]!.slice(0, 120);
  return {
    id: `${row.id}:${user.id}`,
    userId: user.id,
    title,
    body,
    recordId: payload.recordId ?? null,
    createdAt: at,
  };
}

async function deliverInApp(deps: OutboxDeps, row: OutboxRow): Promise<void> {
  const payload = row.payload as { to: Assignee[] };
  const users = await recipients(deps.store, payload.to ?? []);
  await deps.store.write(async (tx) => {
    for (const user of users)
      await tx.insertNotification(notificationFor(row, user, deps.clock.now().toISOString()));
  });
}

/** Rows delivered with no I/O: in-app ones, and e-mail or SMS that can only be recorded as undelivered. */
function deliveredInStore(deps: OutboxDeps, row: OutboxRow): boolean {
  return row.kind === 'inapp' || undeliverableReason(deps, row) !== undefined;
}

/**
 * The rows of one claim that need no I/O, delivered in one transaction: every row's in-app
 * notifications and its outcome (delivered, or undelivered with the reason) commit together.
 * One row at a time took two commits per row, and a busy server makes several such rows per request.
 */
async function deliverInStore(deps: OutboxDeps, rows: readonly OutboxRow[]): Promise<void> {
  const planned: { row: OutboxRow; users: UserRow[]; undeliverable: string | undefined }[] = [];
  for (const row of rows)
    planned.push({
      row,
      users: await recipients(deps.store, (row.payload as { to?: Assignee[] }).to ?? []),
      undeliverable: undeliverableReason(deps, row),
    });
  const at = deps.clock.now().toISOString();
  await deps.store.write(async (tx) => {
    for (const { row, users, undeliverable } of planned) {
      for (const user of users) await tx.insertNotification(notificationFor(row, user, at));
      if (undeliverable) await tx.failOutbox(row.id, null, undeliverable);
      else await tx.completeOutbox(row.id);
    }
  });
}

async function deliverWebhook(deps: OutboxDeps, row: OutboxRow): Promise<void> {
  const payload = row.payload as { url: string; body: string; node: string };
  const target = allowedTarget(payload.url, deps.config.webhookAllowList);
  if (!target) {
    throw Object.assign(
      new Error(
        `The webhook target ${payload.url} is not on the allow-list (FLOWCASE_WEBHOOK_ALLOW; a host without a port allows its default port only).`,
      ),
      { permanent: true },
    );
  }
  const address = await checkedAddress(
    target,
    deps.config.webhookAllowPrivate ?? [],
    deps.lookup ?? systemLookup,
  );
  const headers = {
    'content-type': 'application/json',
    ...signWebhook(
      deps.config.webhookSecret ?? '',
      row.id,
      Math.floor(deps.clock.now().getTime() / 1000),
      payload.body,
    ),
  };
  const response = deps.fetch
    ? await deps.fetch(payload.url, {
        method: 'POST',
        headers,
        body: payload.body,
        signal: AbortSignal.timeout(10_000),
        redirect: 'manual',
      })
    : await postPinned(target.url, address, headers, payload.body);
  if (response.status < 200 || response.status >= 300)
    throw new Error(`The receiver answered ${response.status}.`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * The HTML part of an e-mail. Notification texts are rendered as plain text (the in-app list and
 * SMS show them as they are), so this is the one place they go into HTML: escaped here, with line
 * breaks kept.
 */
export function mailHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c).replace(/\r?\n/g, '<br>\n');
  return `<!doctype html><html><body><div style="font-family: sans-serif; white-space: normal">${escaped}</div></body></html>`;
}

/**
 * E-mail goes to recipients that are addresses (from `email` fields of the record); accounts get
 * the in-app copy. Without SMTP_URL, or without any address, the e-mail is recorded as
 * undelivered with the reason.
 */
async function deliverEmail(deps: OutboxDeps, row: OutboxRow): Promise<void> {
  const payload = row.payload as { to: Assignee[]; text: Texts; subject: Texts | null };
  const addresses = emailAddresses(row);
  const undeliverable = undeliverableReason(deps, row);
  if (undeliverable !== undefined || !deps.config.smtpUrl)
    throw Object.assign(new Error(undeliverable ?? 'SMTP_URL is not set.'), { permanent: true });
  const send = deps.sendMail ?? (await smtpSender(deps.config.smtpUrl));
  // Addresses carry no language preference; Chinese first, English below.
  const subject = payload.subject ? `${payload.subject.zh} / ${payload.subject.en}` : 'Flowcase';
  const text =
    payload.text.zh === payload.text.en ? payload.text.zh : `${payload.text.zh}\n\n${payload.text.en}`;
  const html = mailHtml(text);
  for (const to of addresses) await send(to, subject, text, html);
}

function emailAddresses(row: OutboxRow): string[] {
  return ((row.payload as { to?: Assignee[] }).to ?? []).flatMap((a) =>
    'user' in a && EMAIL.test(a.user) ? [a.user] : [],
  );
}

/**
 * Why a row's e-mail or SMS cannot go out, when that is known without trying (no SMTP, no
 * address, no SMS gateway): the row then gets its in-app copy and is recorded as undelivered.
 */
function undeliverableReason(deps: OutboxDeps, row: OutboxRow): string | undefined {
  if (row.kind === 'sms') return 'No SMS gateway is configured: recorded as undelivered (in-app copy sent).';
  if (row.kind !== 'email') return undefined;
  if (!deps.config.smtpUrl) return 'SMTP_URL is not set: e-mail recorded as undelivered (in-app copy sent).';
  if (emailAddresses(row).length === 0)
    return 'No recipient has an e-mail address: recorded as undelivered (in-app copy sent).';
  return undefined;
}

type MailSender = NonNullable<OutboxDeps['sendMail']>;
let transport: MailSender | undefined;

async function smtpSender(url: string): Promise<MailSender> {
  if (transport) return transport;
  const nodemailer = await import('nodemailer');
  const smtp = nodemailer.createTransport(url);
  const from = process.env.FLOWCASE_MAIL_FROM ?? 'Flowcase <no-reply@localhost>';
  transport = async (to, subject, text, html) => {
    await smtp.sendMail({ from, to, subject, text, html });
  };
  return transport;
}

async function deliver(deps: OutboxDeps, row: OutboxRow): Promise<void> {
  if (row.kind === 'webhook') return deliverWebhook(deps, row);
  await deliverInApp(deps, row);
  if (row.kind === 'email') return deliverEmail(deps, row);
  const undeliverable = undeliverableReason(deps, row);
  if (undeliverable) throw Object.assign(new Error(undeliverable), { permanent: true });
}

async function handle(deps: OutboxDeps, row: OutboxRow): Promise<void> {
  if (isSubflowRow(row)) return deliverSubflowRow(deps, row);
  try {
    await deliver(deps, row);
    await deps.store.completeOutbox(row.id);
    if (row.kind === 'webhook' && row.instanceId)
      await deps.cases.webhookResult(row.instanceId, String(row.payload.node), true, undefined);
  } catch (err) {
    const permanent = (err as { permanent?: boolean }).permanent === true;
    const message = err instanceof Error ? err.message : String(err);
    const last = permanent || row.attempts >= deps.config.webhookMaxAttempts;
    const next = last ? null : new Date(deps.clock.now().getTime() + backoffMs(row.attempts)).toISOString();
    await deps.store.failOutbox(row.id, next, message);
    if (last && row.kind === 'webhook' && row.instanceId) {
      const node = String(row.payload.node);
      const at = deps.clock.now();
      // `<outbox id>:<time>`: the incident names the call an admin's retry puts back in the queue.
      await deps.store.write((tx) =>
        tx.openIncident({
          id: `${row.id}:${at.getTime()}`,
          instanceId: row.instanceId!,
          node,
          reason: `Webhook to ${String(row.payload.url)} failed after ${row.attempts} attempts: ${message}`,
          createdAt: at.toISOString(),
        }),
      );
      if (row.payload.onError === true) {
        await deps.cases
          .webhookResult(row.instanceId, node, false, message)
          .catch((e: unknown) =>
            deps.log.error({ err: e }, 'could not report the webhook failure to its flow'),
          );
      }
    } else if (!last) {
      deps.log.warn({ outbox: row.id, err: message }, 'outbox delivery failed; will retry');
    }
  }
}

export function createOutboxWorker(deps: OutboxDeps, intervalMs = 250): PollingJob {
  return new PollingJob(intervalMs, async () => {
    const rows = await deps.store.claimOutbox(deps.clock.now().toISOString(), deps.owner, 60_000, 20);
    const local = rows.filter((row) => deliveredInStore(deps, row));
    let handled = false;
    if (local.length > 0) {
      try {
        await deliverInStore(deps, local);
        handled = true;
      } catch (err) {
        // Row by row instead, so each one records its own failure and backoff.
        deps.log.warn({ err }, 'delivering a batch of notifications failed; retrying row by row');
      }
    }
    for (const row of rows) if (!(handled && local.includes(row))) await handle(deps, row);
    return rows.length;
  });
}
