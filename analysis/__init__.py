"""Analysis of Verkosto survey answers: importable and runnable without Flask or the web app.

The export format written by the web app is the contract between the two; the analysis
pipeline (themes in free text, cross-tabulation, charts, reports) builds on it.
"""

__all__: list[str] = []
