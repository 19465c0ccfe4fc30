"""deliberations: French local-government deliberations (PDF) into a queryable SQLite database."""

__version__ = "0.1.0"
