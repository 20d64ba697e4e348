"""URL patterns of the council app's drafts part: back office and portal."""

backoffice_patterns: list = []
portal_patterns: list = []
