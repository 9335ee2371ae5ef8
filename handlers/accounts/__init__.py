"""/deal contact and /deal account."""
