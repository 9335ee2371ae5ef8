"""Search: /deal find."""
