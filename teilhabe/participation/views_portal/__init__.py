"""Public participation pages, one module per part; `urls_portal` puts them in the portal's
namespace under /<organisation>/plan/<plan>/beteiligung/. Anyone reads public processes of
published plans through the public selectors; the holders of a personal link (registration,
idea, group membership) see, download, cancel or delete what is stored about them, and vote.
"""
