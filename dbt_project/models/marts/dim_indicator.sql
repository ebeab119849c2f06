-- The indicator catalog as a dimension, with its direction and the number of Vietnamese aliases.
with indicators as (
    select * from {{ ref('stg_indicators') }}
),

aliases as (
    select indicator_code, count(*) as alias_count
    from {{ ref('stg_indicator_aliases') }}
    group by indicator_code
)

select
    cast(i.indicator_code as varchar)       as indicator_code,
    cast(i.name_vi as varchar)              as name_vi,
    cast(i.name_en as varchar)              as name_en,
    cast(i.indicator_group as varchar)      as indicator_group,
    cast(i.canonical_unit as varchar)       as canonical_unit,
    cast(i.higher_is_better as boolean)     as higher_is_better,
    cast(case
        when i.higher_is_better then 'higher_is_better'
        when not i.higher_is_better then 'lower_is_better'
        else 'neutral'
    end as varchar)                         as direction,
    cast(i.valid_min as double precision)   as valid_min,
    cast(i.valid_max as double precision)   as valid_max,
    cast(i.description as varchar)          as description,
    cast(i.measure as varchar)              as measure,
    cast(i.growth_of as varchar)            as growth_of,
    cast(coalesce(a.alias_count, 0) as integer) as alias_count
from indicators i
left join aliases a
    on a.indicator_code = i.indicator_code
