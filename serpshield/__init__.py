"""serpshield: reputation and search-results defense analytics."""

__version__ = "0.1.0"
