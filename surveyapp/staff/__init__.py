"""The staff workspace: accounts and roles, questionnaires, campaigns, counts, exports."""
