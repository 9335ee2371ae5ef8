"""A CSV file of deals shared with dealbot in its DM: a preview, then Import or Cancel."""
