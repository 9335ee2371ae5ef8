"""Shared domain pieces: domain errors, money, plain-text cleaning."""
