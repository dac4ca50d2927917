"""Industry-chain templates (data), placement of entities on chain links, and gap analysis."""
