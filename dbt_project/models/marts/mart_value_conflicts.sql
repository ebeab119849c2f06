-- Contradicting values, one row per statement involved: every observation of a province (as
-- written) / indicator / year / period / value kind that is stated with more than one value,
-- with the group summary (int_value_conflicts) beside it. Nothing is resolved or dropped here;
-- mart_target_vs_actual and mart_indicator_timeseries say which statement they chose.
with conflicts as (
    select * from {{ ref('int_value_conflicts') }}
),

facts as (
    select * from {{ ref('fct_indicator_value') }}
)

select
    cast(c.conflict_group_id as varchar)            as conflict_group_id,
    cast(f.observation_id as varchar)               as observation_id,
    cast(f.province_key as varchar)                 as province_key,
    cast(f.province_code as varchar)                as province_code,
    cast(f.province_name as varchar)                as province_name_vi,
    cast(f.province_name_en as varchar)             as province_name_en,
    cast(f.current_province_code as varchar)        as current_province_code,
    cast(f.current_province_name as varchar)        as current_province_name_vi,
    cast(f.current_province_name_en as varchar)     as current_province_name_en,
    cast(f.indicator_code as varchar)               as indicator_code,
    cast(f.indicator_name_vi as varchar)            as indicator_name_vi,
    cast(f.indicator_name_en as varchar)            as indicator_name_en,
    cast(f.year as integer)                         as year,
    cast(f.period as varchar)                       as period,
    cast(f.period_key as varchar)                   as period_key,
    cast(f.value_kind as varchar)                   as value_kind,
    cast(f.document_id as varchar)                  as document_id,
    cast(f.document_type as varchar)                as document_type,
    cast(f.document_date as date)                   as document_date,
    cast(f.source_line as integer)                  as source_line,
    cast(f.source_text as varchar)                  as source_text,
    cast(f.indicator_label as varchar)              as indicator_label,
    cast(f.comparator as varchar)                   as comparator,
    cast(f.value_low as double precision)           as value_low,
    cast(f.value_high as double precision)          as value_high,
    cast(f.unit_raw as varchar)                     as unit_raw,
    cast(f.value_low_canonical as double precision) as value_low_canonical,
    cast(f.value_high_canonical as double precision) as value_high_canonical,
    cast(f.unit as varchar)                         as unit,
    cast(f.layout as varchar)                       as layout,
    cast(c.conflict_type as varchar)                as conflict_type,
    cast(c.across_documents as boolean)             as across_documents,
    cast(c.within_document as boolean)              as within_document,
    cast(c.n_observations as integer)               as group_observations,
    cast(c.n_documents as integer)                  as group_documents,
    cast(c.n_distinct_values as integer)            as group_distinct_values,
    cast(c.min_value_canonical as double precision) as group_min_value_canonical,
    cast(c.max_value_canonical as double precision) as group_max_value_canonical,
    cast(c.spread_canonical as double precision)    as group_spread_canonical,
    cast(c.distinct_values as varchar)              as group_distinct_values_text
from conflicts c
inner join facts f
    on  f.indicator_code = c.indicator_code
    and f.year = c.year
    and f.period = c.period
    and f.value_kind = c.value_kind
    and (f.province_key = c.province_key or (f.province_key is null and c.province_key is null))
