// Tests for validate/service-type.ts: the service type a return is judged as.
import { describe, expect, it } from 'vitest';
import { serviceTypeOf } from '../../src/validate/service-type.ts';

const provider = { id: 'smart-cjs', name: 'SMART Criminal Justice Service' };

describe('serviceTypeOf', () => {
  it('is the return’s own service type', () => {
    expect(serviceTypeOf({ provider: { ...provider, service_type: 'domestic-sexual-violence' } })).toBe('domestic-sexual-violence');
  });

  it('is treatment when the return does not say', () => {
    expect(serviceTypeOf({ provider })).toBe('treatment');
  });
});
