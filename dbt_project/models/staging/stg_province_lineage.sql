-- Old (VN63) unit → current (VN34) unit under Nghị quyết 202/2025/QH15.
select
    cast(old_province_key as varchar)   as old_province_key,
    cast(new_province_key as varchar)   as new_province_key,
    cast(effective_date as date)        as effective_date,
    cast(legal_basis as varchar)        as legal_basis
from {{ ref('province_lineage') }}
