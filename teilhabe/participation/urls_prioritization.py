"""URL patterns of the participation app's prioritization part: back office and portal."""

backoffice_patterns: list = []
portal_patterns: list = []
