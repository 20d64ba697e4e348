"""The council's back-office pages (German only, signed in), one module per part: committees
and meetings, papers with their Beratungsfolge and links, attachments, Beschlussvorlage drafts,
OParl sources. `urls_backoffice` mounts them under /verwaltung/gremien/ (namespace council).

Members of an organisation read its council records, including non-public papers
(`council.view_internal`); admins and coordinators change them (`council.manage`). To anybody
else the records do not exist (404); a member who may not change a record gets 403.
"""
