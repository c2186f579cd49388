// Report stage: the trend's three charts, each an HTML figure of inline SVG and a table saying the same numbers.
export { mostFailedChart, MOST_FAILED_SHOWN, type RuleFailures } from './most-failed.ts';
export { providerStripsChart, type ProviderStrip } from './provider-strips.ts';
export { ragByQuarterChart, type QuarterCounts } from './rag-by-quarter.ts';
