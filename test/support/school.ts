/** A tenant's unit and classes, created through the roster handler as any client would. */
import { expect } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { handler as rosterHandler } from '../../functions/http/roster.js';
import { invoke } from './events.js';

export async function seedSchool(admin: Principal, unitId: string, classes: readonly Record<string, unknown>[]): Promise<void> {
  const { tenantId } = admin;
  const unit = await invoke(rosterHandler, { routeKey: 'POST /tenants/{tenantId}/units', pathParameters: { tenantId }, principal: admin, body: { unitId, name: '学习中心', kind: 'learning-center' } });
  expect(unit.status).toBe(201);
  for (const body of classes) {
    const created = await invoke(rosterHandler, { routeKey: 'POST /tenants/{tenantId}/classes', pathParameters: { tenantId }, principal: admin, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
}
