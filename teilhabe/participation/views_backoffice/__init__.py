"""The participation back office (German only, signed in), one module per part: processes and
formats with their members and registrations, ideas, recommendations, prioritisations.
`urls_backoffice` mounts them under /verwaltung/beteiligung/ (namespace participation).

Members of the plan's organisation see a process and everything in it without personal data
(`participation.view_internal`); admins and coordinators run it and alone see names and
addresses. To anybody else the process does not exist (404); a member who may not do something
gets 403.
"""
