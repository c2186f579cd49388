// Report stage: the trend as JSON, the model as it stands: its fields are the contract docs/trend.md documents.
import type { TrendFormatter } from './index.ts';

export const renderTrendJson: TrendFormatter = (trend) => JSON.stringify(trend, null, 2);
