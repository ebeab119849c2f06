-- The indicator catalog (owned by extraction). higher_is_better: true / false / null (no direction).
select
    cast(indicator_code as varchar)     as indicator_code,
    cast(name_vi as varchar)            as name_vi,
    cast(name_en as varchar)            as name_en,
    cast(indicator_group as varchar)    as indicator_group,
    cast(canonical_unit as varchar)     as canonical_unit,
    case
        when lower(trim(cast(higher_is_better as varchar))) in ('true', 't', '1', 'yes') then true
        when lower(trim(cast(higher_is_better as varchar))) in ('false', 'f', '0', 'no') then false
    end                                 as higher_is_better,
    cast(valid_min as double precision) as valid_min,
    cast(valid_max as double precision) as valid_max,
    cast(description as varchar)        as description,
    cast(measure as varchar)            as measure,
    cast(nullif(trim(cast(growth_of as varchar)), '') as varchar) as growth_of
from {{ ref('indicators') }}
