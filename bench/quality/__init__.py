"""Content-quality benchmark of the offline planner (issue 16): corpus, measures, runner and contact sheets."""
