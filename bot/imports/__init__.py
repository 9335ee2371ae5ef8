"""CSV import of deals from other CRMs (`dealbot import`)."""
