"""Seeded experiments the book runs; each returns numbers a chapter and the claim ledger assert."""
