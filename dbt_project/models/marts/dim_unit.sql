-- Units as written (normalised unit_key) with their canonical unit and multiplier.
select
    cast(unit_key as varchar)               as unit_key,
    cast(unit_raw_examples as varchar)      as unit_raw_examples,
    cast(canonical_unit as varchar)         as canonical_unit,
    cast(multiplier as double precision)    as multiplier,
    cast(quantity as varchar)               as quantity,
    cast(name_en as varchar)                as name_en
from {{ ref('stg_units') }}
