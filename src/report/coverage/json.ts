// Report stage: a pack's obligation register as JSON, for tools. A pack without a register has null for both.
import type { CoverageFormatter } from './index.ts';

export const renderCoverageJson: CoverageFormatter = ({ pack, summary, obligations }) =>
  JSON.stringify({ pack, summary: summary ?? null, obligations: obligations ?? null }, null, 2);
