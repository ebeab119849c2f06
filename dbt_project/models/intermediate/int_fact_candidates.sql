-- Published values with the attributes that decide which statement represents a cell when several
-- documents (or lines) state one: dated documents first, then the latest, then table > list > prose.
-- One place for that rule, so mart_target_vs_actual and mart_indicator_timeseries pick alike.
select
    f.*,
    {{ representative_value('f.comparator', 'f.value_low_canonical', 'f.value_high_canonical') }} as value_canonical,
    case f.layout when 'table' then 1 when 'list' then 2 else 3 end as layout_rank,
    case when f.document_date is null then 1 else 0 end             as undated
from {{ ref('fct_indicator_value') }} f
where f.province_key is not null
