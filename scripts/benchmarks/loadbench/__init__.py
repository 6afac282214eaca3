"""Helpers for scripts/benchmarks/load.py: a small browser, respondents, servers, statistics.

Standard library only (plus the project itself, for reading the database afterwards).
"""
