"""An analyst's say: reviews of findings and events, the review queue, the audit trail."""
