import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AppError } from '../errors';

/** Resolves a host name to every address it has (dns.lookup's shape, so tests can stand in for DNS). */
export type Lookup = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/**
 * Addresses a webhook may not reach: this machine, private networks, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast and reserved ranges, and IPv6 forms that embed an
 * IPv4 address (mapped, NAT64), which would otherwise smuggle 127.0.0.1 past the list.
 */
// Two lists: a BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules too.
const PRIVATE_V4 = new net.BlockList();
const PRIVATE_V6 = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE_V4.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [
  ['::', 127],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE_V6.addSubnet(net6, prefix, 'ipv6');

function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  return family === 4 ? PRIVATE_V4.check(address, 'ipv4') : PRIVATE_V6.check(address, 'ipv6');
}

export interface WebhookPolicy {
  /** ALLOW_PRIVATE_WEBHOOKS: private and loopback addresses allowed (tests, a private deployment). */
  allowPrivate: boolean;
  lookup?: Lookup;
}

function refused(
  reason: 'webhook.url' | 'webhook.private' | 'webhook.unresolvable',
  params: Record<string, string> = {},
) {
  return new AppError('bad_request', 'invalid_webhook', {
    params: { reason: { code: reason, params } },
  });
}

/** The URL, if it is one a webhook may have: http(s), no credentials in it. */
function parseWebhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refused('webhook.url');
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username !== '' || url.password !== '' || text.length > 2000)
    throw refused('webhook.url');
  return url;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Every address the host resolves to must be public (checked again at each delivery: DNS can change). */
export async function checkWebhookUrl(text: string, policy: WebhookPolicy): Promise<URL> {
  const url = parseWebhookUrl(text);
  if (policy.allowPrivate) return url;
  const host = hostOf(url);
  const addresses = net.isIP(host) !== 0 ? [host] : await resolveAll(host, policy.lookup ?? dns.lookup);
  const bad = addresses.find(isPrivateAddress);
  if (bad !== undefined) throw refused('webhook.private', { address: bad });
  return url;
}

function resolveAll(host: string, lookup: Lookup): Promise<string[]> {
  return new Promise((resolve, reject) => {
    lookup(host, { all: true }, (err, addresses) => {
      if (err !== null || addresses.length === 0) reject(refused('webhook.unresolvable', { host: host.slice(0, 200) }));
      else resolve(addresses.map((a) => a.address));
    });
  });
}

/**
 * The lookup a delivery connects through: it refuses a private address at connection time, so a
 * name that resolved to a public address when the webhook was saved and to 127.0.0.1 now (DNS
 * rebinding) is still refused, and the address checked is the one connected to.
 */
function guardedLookup(policy: WebhookPolicy): net.LookupFunction {
  const lookup = policy.lookup ?? (dns.lookup as unknown as Lookup);
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err !== null) return callback(err);
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad !== undefined && !policy.allowPrivate)
        return callback(Object.assign(new Error(`private address ${bad.address}`), { code: 'EPRIVATEADDRESS' }));
      if (options.all === true) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as unknown as net.LookupFunction;
}

/** A fresh secret for a portfolio's webhook. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('hex')}`;

/** `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the time is signed too, against replay. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does: the signature matches and its time is within `toleranceSeconds` of now. */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (m === null) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(secret, body, t).slice(-64), 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

/** Redirects followed: 307 and 308 only (they keep the POST and its body), each target checked again. */
const MAX_REDIRECTS = 3;

/** POSTs one event; resolves with the HTTP status, rejects on a network error or a refused address. */
export async function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: WebhookPolicy & { timeoutMs: number },
): Promise<number> {
  let url = parseWebhookUrl(target);
  for (let hop = 0; ; hop++) {
    const host = hostOf(url);
    if (net.isIP(host) !== 0 && isPrivateAddress(host) && !options.allowPrivate)
      throw Object.assign(new Error(`private address ${host}`), { code: 'EPRIVATEADDRESS' });
    const { status, location } = await postOnce(url, body, headers, options);
    if ((status !== 307 && status !== 308) || location === undefined || hop === MAX_REDIRECTS) return status;
    url = parseWebhookUrl(new URL(location, url).toString());
  }
}

function postOnce(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: WebhookPolicy & { timeoutMs: number },
): Promise<{ status: number; location: string | undefined }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(options),
        timeout: options.timeoutMs,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume(); // the answer's body is not read: only its status counts
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}
