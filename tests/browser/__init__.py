"""Browser tests: every notebook opened, run and dragged in a real JupyterLab (Playwright)."""
