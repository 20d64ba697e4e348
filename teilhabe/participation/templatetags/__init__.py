"""Template tags of the participation app (one module per part of issue 4)."""
