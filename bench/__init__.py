"""Benchmarks that print figures (`make bench`): a generated dataset at the scale of
Baden-Württemberg on PostgreSQL, the back-office pages' latency and throughput, query counts,
the Bilanz PDF, the Bilanz import and the spreadsheet round trip.

Run `python -m bench --help` for the options.
"""
