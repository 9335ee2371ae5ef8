"""Which language dealbot speaks to whom: the reader's, found and spoken; /deal language."""
