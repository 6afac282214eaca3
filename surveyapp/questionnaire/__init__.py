"""Questionnaires: the file format, its validation and the model the app works with.

Plain Python, no Flask: usable from the command line, the web app and the tests.
"""
