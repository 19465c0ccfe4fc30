"""deliberations: French local-government deliberations (PDF) into a queryable SQLite database."""

__version__ = "0.2.0"
