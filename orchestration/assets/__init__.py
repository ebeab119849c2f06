"""Assets in data-flow order: documents → observations → load → dbt → publish."""
