// Validate stage: which kind of service a return is judged as, the one answer every later stage uses.
import type { Evidence, ServiceType } from './evidence-schema.ts';

/**
 * The return's own `provider.service_type`, else a treatment service, the policies' default subject. Decided here
 * alone, so that a commissioner's provider register, whose service type is to win over the file's, changes one place.
 */
export function serviceTypeOf(evidence: Pick<Evidence, 'provider'>): ServiceType {
  return evidence.provider.service_type ?? 'treatment';
}
