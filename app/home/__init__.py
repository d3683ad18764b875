"""Site-wide pages: the home page, the language switch, the health check.

Like the dashboard, it may read every area and no area imports it.
"""
