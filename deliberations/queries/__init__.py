"""What the database is for: beneficiaries as entities, subsidies, the imputation audit against
the M14 / M57 nomenclatures, SCDL open-data exports and a Datasette view.

``refresh_derived`` rebuilds the derived tables (``beneficiary_entities``,
``beneficiary_links``, ``imputation_checks``, ``imputation_anomalies``) from the extracted
rows; ``delib ingest`` calls it once at the end of each batch.
"""

from deliberations.queries.derive import refresh_derived

__all__ = ["refresh_derived"]
