"""Seeded experiments the book runs; each returns numbers that a chapter and the claim ledger assert."""
