// Validate stage: which kind of service a return is judged as, the one answer every later stage uses.
import type { Evidence, ServiceType } from './evidence-schema.ts';

/**
 * The provider register's service type when it gives one, so that a provider cannot declare its way out of a rule
 * (commissioning.md); else the return's own `provider.service_type`; else a treatment service, the policies'
 * default subject.
 */
export function serviceTypeOf(evidence: Pick<Evidence, 'provider'>, registered?: ServiceType): ServiceType {
  return registered ?? evidence.provider.service_type ?? 'treatment';
}
