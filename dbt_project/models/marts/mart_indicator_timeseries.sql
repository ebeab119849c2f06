-- Values by year and kind per province and indicator: one row per province as written,
-- indicator, year, period and value kind (one chosen statement: the latest-dated document, then
-- table > list > prose, then the highest document_id, then the earliest line), with the current
-- (post-2025-07-01) province beside it. Group by current_province_key to roll a series up to
-- today's provinces: current_rollup_sources says how many of the current unit's predecessors
-- state a value for that cell (values are NOT summed — most indicators are rates, not additive).
with facts as (
    select * from {{ ref('int_fact_candidates') }}
),

ranked as (
    select
        facts.*,
        row_number() over (
            partition by province_key, indicator_code, year, period, value_kind
            order by undated, document_date desc, layout_rank, document_id desc, source_line, observation_index
        ) as pick,
        count(*) over (partition by province_key, indicator_code, year, period, value_kind) as n_observations
    from facts
),

documents_per_cell as (
    select province_key, indicator_code, year, period, value_kind, count(distinct document_id) as n_documents
    from facts
    group by province_key, indicator_code, year, period, value_kind
),

conflicts as (
    select province_key, indicator_code, year, period, value_kind
    from {{ ref('int_value_conflicts') }}
),

provinces as (
    select * from {{ ref('dim_province') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

periods as (
    select * from {{ ref('dim_period') }}
),

chosen as (
    select
        r.*,
        d.n_documents,
        c.indicator_code is not null as has_conflict
    from ranked r
    inner join documents_per_cell d
        on d.province_key = r.province_key and d.indicator_code = r.indicator_code
        and d.year = r.year and d.period = r.period and d.value_kind = r.value_kind
    left join conflicts c
        on c.province_key = r.province_key and c.indicator_code = r.indicator_code
        and c.year = r.year and c.period = r.period and c.value_kind = r.value_kind
    where r.pick = 1
),

rollup as (
    select
        chosen.*,
        count(*) over (partition by current_province_key, indicator_code, year, period, value_kind) as current_rollup_sources
    from chosen
)

select
    cast(r.province_key as varchar)                 as province_key,
    cast(r.province_code as varchar)                as province_code,
    cast(r.province_name as varchar)                as province_name_vi,
    cast(r.province_name_en as varchar)             as province_name_en,
    cast(r.province_era as varchar)                 as province_era,
    cast(r.current_province_key as varchar)         as current_province_key,
    cast(r.current_province_code as varchar)        as current_province_code,
    cast(r.current_province_name as varchar)        as current_province_name_vi,
    cast(r.current_province_name_en as varchar)     as current_province_name_en,
    cast(r.indicator_code as varchar)               as indicator_code,
    cast(i.name_vi as varchar)                      as indicator_name_vi,
    cast(i.name_en as varchar)                      as indicator_name_en,
    cast(i.indicator_group as varchar)              as indicator_group,
    cast(r.year as integer)                         as year,
    cast(r.period as varchar)                       as period,
    cast(r.period_key as varchar)                   as period_key,
    cast(pe.plan_period as varchar)                 as plan_period,
    cast(r.value_kind as varchar)                   as value_kind,
    cast(r.comparator as varchar)                   as comparator,
    cast(r.value_low as double precision)           as value_low,
    cast(r.value_high as double precision)          as value_high,
    cast(r.unit_raw as varchar)                     as unit_raw,
    cast(r.value_low_canonical as double precision) as value_low_canonical,
    cast(r.value_high_canonical as double precision) as value_high_canonical,
    cast(r.value_canonical as double precision)     as value_canonical,
    cast(r.unit as varchar)                         as unit,
    cast(r.document_id as varchar)                  as document_id,
    cast(r.source_line as integer)                  as source_line,
    cast(r.observation_id as varchar)               as observation_id,
    cast(r.n_observations as integer)               as n_observations,
    cast(r.n_documents as integer)                  as n_documents,
    cast(r.has_conflict as boolean)                 as has_conflict,
    cast(r.current_rollup_sources as integer)       as current_rollup_sources,
    cast(cp.n_predecessors as integer)              as current_province_predecessors
from rollup r
left join indicators i
    on i.indicator_code = r.indicator_code
left join periods pe
    on pe.period_key = r.period_key
left join provinces cp
    on cp.province_key = r.current_province_key
