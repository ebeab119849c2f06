"""Quality gates: pandera schemas, the Great Expectations suite, and the Dagster asset checks."""
