"""Security regression tests: one module per class of flaw that survey tools have shipped.

Scope. These tests cover the respondent pages (``/s/<slug>/...``), the questionnaire loader
and validator, the translation round trip (``verkosto translations export|spreadsheet|import``,
.po and .xlsx files) and the command line: the parts of Verkosto that existed when this suite
was written, before there was a staff user interface or a data export. The staff workspace
(``surveyapp/staff``) and the exports (``surveyapp/exports``) landed while it was being written
and are not covered here; each class below needs its staff-side tests too: stored XSS in the
workspace (questionnaire preview, free-text reading), formula injection in CSV/XLSX exports,
IDOR between projects and roles, CSRF on every staff form, login rate limits, and the
questionnaire upload (it feeds ``load_text``: every test in test_malicious_yaml applies to it).

| module | class of flaw |
|---|---|
| test_xss | stored XSS through questionnaire texts, answers and imported translations |
| test_spreadsheet_formulas | formula (CSV/DDE) injection in the translation spreadsheet |
| test_injection | SQL injection through every parameter a respondent controls |
| test_idor | drafts, resume codes, submit keys and receipts crossing campaigns or browsers |
| test_csrf | cross-site request forgery on every POST of the respondent blueprint |
| test_redirects | open redirects and Host-header poisoning |
| test_limits | oversized bodies and fields, many fields, long field names |
| test_malicious_yaml | YAML tags, billion laughs, deep nesting, huge and dense files |
| test_malicious_translation_files | zip bombs, XXE, non-zip and malformed files, path traversal |
| test_unicode | bidi overrides, zero-width characters, NUL, invalid UTF-8, CRLF |

Property-based tests (Hypothesis) for the loader, answer validation, codes and conditions are
in ``tests/property``.
"""
