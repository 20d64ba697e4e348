"""Back-office pages of the inventory (IST-Stand), one module per part."""
