"""The analysis report: one self-contained HTML page plus the files behind it.

    >>> from analysis.report import write_report
    >>> write_report({"guardians": read_export("guardians.json"), ...}, "report/", language="fi")

``report/index.html`` (themes, quotes, tables, charts; no scripts, no external requests),
``report/charts/*.svg|png``, ``report/tables/*.csv`` (the suppressed tables as shown) and
``report/themes/<family>.csv|json`` (each answer's codes and theme, screened: for researchers,
not for publishing).
"""
from .build import write_findings, write_report
from .findings import Findings, analyse

__all__ = ["Findings", "analyse", "write_findings", "write_report"]
