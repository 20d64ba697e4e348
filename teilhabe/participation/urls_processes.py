"""URL patterns of the participation app's processes part: back office and portal."""

backoffice_patterns: list = []
portal_patterns: list = []
