/**
 * What the report end-to-end tests share: waiting for an event of the local bus (bounded,
 * no polling), reading every finding of a term through the API, and reading the term's
 * report objects back from the local S3.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { localAwsSettings } from '../../scripts/local/dynamodb-local.js';
import type { BusEvent } from '../../scripts/local/async-runtime.js';
import type { LocalBackend } from '../../scripts/local/runtime.js';
import { localBuckets, localS3ClientSettings } from '../../scripts/local/s3-local.js';

/** The first event (already put, or put from now on) that matches; rejects after `timeoutMs`. */
export function busEvent(backend: LocalBackend, matches: (event: BusEvent) => boolean, timeoutMs: number): Promise<BusEvent> {
  const earlier = backend.async.events.find(matches);
  if (earlier !== undefined) return Promise.resolve(earlier);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching event on the local bus within ${timeoutMs} ms; saw ${backend.async.events.map((e) => e.detailType).join(', ') || 'none'}`));
    }, timeoutMs);
    const stop = backend.async.onEvent((event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

export async function api(backend: LocalBackend, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${backend.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Every finding of the term the caller may see, page by page, in key order. */
export async function allFindings(backend: LocalBackend, token: string, tenantId: string, termId: string): Promise<Record<string, unknown>[]> {
  const findings: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await api(backend, token, 'GET', `/tenants/${tenantId}/terms/${termId}/findings?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (page.status !== 200) throw new Error(`findings answered ${page.status}: ${JSON.stringify(page.body)}`);
    findings.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor !== undefined);
  return findings.sort((a, b) => (String(a['key']) < String(b['key']) ? -1 : 1));
}

/** Every object under `prefix` in the local reports bucket, key → bytes. */
export async function reportObjects(backend: LocalBackend, prefix: string): Promise<Map<string, Uint8Array>> {
  const client = new S3Client({ endpoint: backend.s3Endpoint, region: localAwsSettings.region, ...localS3ClientSettings });
  try {
    const objects = new Map<string, Uint8Array>();
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: localBuckets.reports, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
      for (const { Key } of page.Contents ?? []) {
        const object = await client.send(new GetObjectCommand({ Bucket: localBuckets.reports, Key: Key! }));
        objects.set(Key!, await object.Body!.transformToByteArray());
      }
      token = page.NextContinuationToken;
    } while (token !== undefined);
    return objects;
  } finally {
    client.destroy();
  }
}
