-- The 97 provincial units of the provinces seed: 63 (VN63-xx, 2008-08-01..2025-06-30) + 34 (VN34-xx, from 2025-07-01).
select
    cast(province_key as varchar)   as province_key,
    cast(province_code as varchar)  as province_code,
    cast(name_vi as varchar)        as name_vi,
    cast(name_en as varchar)        as name_en,
    cast(full_name_vi as varchar)   as full_name_vi,
    cast(slug as varchar)           as slug,
    cast(unit_type as varchar)      as unit_type,
    cast(region_vi as varchar)      as region_vi,
    cast(region_en as varchar)      as region_en,
    cast(province_set as integer)   as province_set,
    cast(valid_from as date)        as valid_from,
    cast(valid_to as date)          as valid_to,
    cast(nullif(trim(note), '') as varchar) as note
from {{ ref('provinces') }}
