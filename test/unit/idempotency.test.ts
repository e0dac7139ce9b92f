import { describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { fingerprintOf, idempotently, type IdempotencyClaim, type IdempotencyStore } from '../../functions/http/kit/idempotency.js';
import { HttpProblemError } from '../../functions/http/kit/problem.js';

const principal: Principal = { userId: 'u1', tenantId: 't1', roles: ['class-teacher'] };
const request = { principal, method: 'POST', path: '/tenants/t1/x', key: 'k1', body: '{"a":1}' };
const now = () => new Date('2025-10-09T00:00:00Z');

function storeAnswering(claim: IdempotencyClaim) {
  const calls: string[] = [];
  const store: IdempotencyStore = {
    claim: async () => (calls.push('claim'), claim),
    complete: async () => void calls.push('complete'),
    release: async () => void calls.push('release'),
  };
  return { store, calls };
}

describe('Idempotency-Key handling', () => {
  it('answers 409 while the first request with the same key and body is still running', async () => {
    const { store, calls } = storeAnswering({ outcome: 'in-progress', fingerprint: fingerprintOf(request.body) });
    await expect(idempotently(request, store, now, async () => ({ statusCode: 201 }))).rejects.toMatchObject({ statusCode: 409 });
    expect(calls).toEqual(['claim']);
  });

  it('replays a completed answer, marked as replayed, without running the work again', async () => {
    const { store } = storeAnswering({
      outcome: 'completed',
      fingerprint: fingerprintOf(request.body),
      response: { statusCode: 201, headers: { location: '/x/1' }, body: '{"id":1}' },
    });
    let ran = false;
    const response = await idempotently(request, store, now, async () => ((ran = true), { statusCode: 201 }));
    expect(ran).toBe(false);
    expect(response).toEqual({ statusCode: 201, headers: { location: '/x/1', 'idempotent-replayed': 'true' }, body: '{"id":1}' });
  });

  it('asks the route before replaying, and replays nothing when the caller may no longer make the request', async () => {
    const completed = storeAnswering({
      outcome: 'completed',
      fingerprint: fingerprintOf(request.body),
      response: { statusCode: 201, headers: {}, body: '{"id":1}' },
    });
    const refused = new HttpProblemError(403, 'forbidden', 'Forbidden', 'no longer serves the class');
    const beforeReplay = async () => Promise.reject(refused);
    await expect(idempotently(request, completed.store, now, async () => ({ statusCode: 201 }), { beforeReplay })).rejects.toBe(refused);

    // A first run is authorised by the route itself; the replay check is not run for it.
    const fresh = storeAnswering({ outcome: 'claimed' });
    const response = await idempotently(request, fresh.store, now, async () => ({ statusCode: 201 }), { beforeReplay });
    expect(response.statusCode).toBe(201);
  });

  it('releases the key when the work fails, so a retry runs afresh', async () => {
    const { store, calls } = storeAnswering({ outcome: 'claimed' });
    await expect(idempotently(request, store, now, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(calls).toEqual(['claim', 'release']);
  });

  it('releases the key on a 5xx answer and remembers a 2xx', async () => {
    const failing = storeAnswering({ outcome: 'claimed' });
    await idempotently(request, failing.store, now, async () => ({ statusCode: 503 }));
    expect(failing.calls).toEqual(['claim', 'release']);
    const succeeding = storeAnswering({ outcome: 'claimed' });
    await idempotently(request, succeeding.store, now, async () => ({ statusCode: 201, body: '{}' }));
    expect(succeeding.calls).toEqual(['claim', 'complete']);
  });

  it('starts afresh for the same caller once their roles change', async () => {
    const keys: string[] = [];
    const store: IdempotencyStore = {
      claim: async (recordKey) => (keys.push(recordKey), { outcome: 'claimed' }),
      complete: async () => {},
      release: async () => {},
    };
    await idempotently(request, store, now, async () => ({ statusCode: 201 }));
    await idempotently({ ...request, principal: { ...principal, roles: ['counselor'] } }, store, now, async () => ({ statusCode: 201 }));
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[0]?.startsWith('t1#')).toBe(true);
  });

  it('leaves GET and key-less POSTs alone', async () => {
    const { store, calls } = storeAnswering({ outcome: 'claimed' });
    await idempotently({ ...request, method: 'GET' }, store, now, async () => ({ statusCode: 200 }));
    await idempotently({ ...request, key: undefined }, store, now, async () => ({ statusCode: 201 }));
    expect(calls).toEqual([]);
  });

  it('refuses a replay whose body differs', async () => {
    const { store } = storeAnswering({ outcome: 'completed', fingerprint: 'another-body', response: { statusCode: 201, headers: {} } });
    const attempt = idempotently(request, store, now, async () => ({ statusCode: 201 }));
    await expect(attempt).rejects.toBeInstanceOf(HttpProblemError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 422 });
  });
});
