"""Pages outside any campaign: the front page and the health check."""
