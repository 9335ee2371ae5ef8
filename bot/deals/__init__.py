"""Deals: create, find, move, edit, close and list them; every change an activity."""
