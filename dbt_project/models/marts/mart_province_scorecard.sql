-- Per province (as written), year and period: how many targets were set, how many have an
-- outcome, and how they came out. attainment_rate = (achieved + exceeded) / (achieved + exceeded
-- + missed): targets whose status is unknown are left out of the rate, not counted as misses.
with tva as (
    select * from {{ ref('mart_target_vs_actual') }}
),

counted as (
    select
        province_key,
        year,
        period,
        max(province_code)              as province_code,
        max(province_name_vi)           as province_name_vi,
        max(province_name_en)           as province_name_en,
        max(current_province_key)       as current_province_key,
        max(current_province_code)      as current_province_code,
        max(current_province_name_vi)   as current_province_name_vi,
        max(current_province_name_en)   as current_province_name_en,
        max(period_key)                 as period_key,
        sum(case when has_target then 1 else 0 end)                                         as targets_set,
        sum(case when has_target and has_outcome then 1 else 0 end)                         as targets_with_outcome,
        sum(case when has_target and attainment_status = 'achieved' then 1 else 0 end)      as achieved,
        sum(case when has_target and attainment_status = 'exceeded' then 1 else 0 end)      as exceeded,
        sum(case when has_target and attainment_status = 'missed' then 1 else 0 end)        as missed,
        sum(case when has_target and attainment_status = 'unknown' then 1 else 0 end)       as unknown,
        sum(case when not has_target and has_outcome then 1 else 0 end)                     as outcomes_without_target,
        sum(case when has_target and document_status is not null then 1 else 0 end)         as verdicts_stated,
        sum(case when has_target and verdict_disagrees then 1 else 0 end)                   as verdict_disagreements
    from tva
    group by province_key, year, period
),

lists as (
    select
        province_key,
        year,
        period,
        {{ dbt.listagg("case when attainment_status = 'achieved' then indicator_code end", "', '", "order by indicator_code") }} as achieved_indicators,
        {{ dbt.listagg("case when attainment_status = 'exceeded' then indicator_code end", "', '", "order by indicator_code") }} as exceeded_indicators,
        {{ dbt.listagg("case when attainment_status = 'missed' then indicator_code end", "', '", "order by indicator_code") }} as missed_indicators,
        {{ dbt.listagg("case when attainment_status = 'unknown' then indicator_code end", "', '", "order by indicator_code") }} as unknown_indicators
    from tva
    where has_target
    group by province_key, year, period
)

select
    cast(c.province_key as varchar)                 as province_key,
    cast(c.province_code as varchar)                as province_code,
    cast(c.province_name_vi as varchar)             as province_name_vi,
    cast(c.province_name_en as varchar)             as province_name_en,
    cast(c.current_province_key as varchar)         as current_province_key,
    cast(c.current_province_code as varchar)        as current_province_code,
    cast(c.current_province_name_vi as varchar)     as current_province_name_vi,
    cast(c.current_province_name_en as varchar)     as current_province_name_en,
    cast(c.year as integer)                         as year,
    cast(c.period as varchar)                       as period,
    cast(c.period_key as varchar)                   as period_key,
    cast(c.targets_set as integer)                  as targets_set,
    cast(c.targets_with_outcome as integer)         as targets_with_outcome,
    cast(c.achieved as integer)                     as achieved,
    cast(c.exceeded as integer)                     as exceeded,
    cast(c.missed as integer)                       as missed,
    cast(c.unknown as integer)                      as unknown,
    cast(c.outcomes_without_target as integer)      as outcomes_without_target,
    cast(case when c.achieved + c.exceeded + c.missed = 0 then null
              else (c.achieved + c.exceeded) * 1.0 / (c.achieved + c.exceeded + c.missed) end as double precision) as attainment_rate,
    cast(case when c.targets_set = 0 then null
              else c.targets_with_outcome * 1.0 / c.targets_set end as double precision) as outcome_coverage,
    cast(c.verdicts_stated as integer)              as verdicts_stated,
    cast(c.verdict_disagreements as integer)        as verdict_disagreements,
    cast(l.achieved_indicators as varchar)          as achieved_indicators,
    cast(l.exceeded_indicators as varchar)          as exceeded_indicators,
    cast(l.missed_indicators as varchar)            as missed_indicators,
    cast(l.unknown_indicators as varchar)           as unknown_indicators
from counted c
left join lists l
    on l.province_key = c.province_key and l.year = c.year and l.period = c.period
