// Report stage: the dossier as JSON for tools, the model as it stands: its fields are the contract in docs/review.md.
import type { ReviewFormatter } from './index.ts';

export const renderReviewJson: ReviewFormatter = (review) => `${JSON.stringify(review, null, 2)}\n`;
