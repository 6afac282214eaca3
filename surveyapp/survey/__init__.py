"""The respondent's side: answering a campaign's questionnaire, one page at a time."""
