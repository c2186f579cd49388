// Config stage: a valid return checked against the provider register: who is not in it, and where a return's name
// or service type differs from the register's. Warnings only: they never change a file's status (commissioning.md).
import type { Diagnostic } from '../diagnostic.ts';
import type { PositionIndex } from '../load/positions.ts';
import type { Evidence } from '../validate/evidence-schema.ts';
import type { RegisteredProvider } from './config-schema.ts';

export function registerWarnings(evidence: Pick<Evidence, 'provider'>, register: ReadonlyMap<string, RegisteredProvider>, positions: PositionIndex, file: string): Diagnostic[] {
  const { id, name, service_type } = evidence.provider;
  const warning = (code: Diagnostic['code'], key: string, message: string): Diagnostic => ({ code, severity: 'warning', message, file, ...positions.locate(['provider', key], 'value') });
  const entry = register.get(id);
  if (!entry) return [warning('not-registered', 'id', `provider "${id}" is not in the provider register; the return is audited as usual, but no quarter expects it`)];
  const warnings: Diagnostic[] = [];
  if (name !== entry.name) warnings.push(warning('register-mismatch', 'name', `provider.name "${name}" differs from the provider register's "${entry.name}"`));
  if (service_type !== undefined && entry.service_type !== undefined && service_type !== entry.service_type) {
    warnings.push(warning('register-mismatch', 'service_type', `provider.service_type "${service_type}" differs from the provider register's "${entry.service_type}"; the return is judged as the register says`));
  }
  return warnings;
}
