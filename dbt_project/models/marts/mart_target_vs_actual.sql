-- Target vs. outcome per province (as written), indicator, year and period, with a computed
-- attainment status and the document's own verdict beside it.
--
-- Choosing one statement per side (documented in the yml):
--   target : the latest-dated document first (undated last), then table > list > prose, then
--            the highest document_id, then the earliest line.
--   outcome: actual before estimate; then the same order as for targets.
-- Status (attainment_status) from the catalog direction (higher_is_better) and both comparators:
--   achieved / exceeded / missed, or unknown with status_reason saying why.

with facts as (
    select * from {{ ref('int_fact_candidates') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

targets as (
    select
        facts.*,
        row_number() over (
            partition by province_key, indicator_code, year, period
            order by undated, document_date desc, layout_rank, document_id desc, source_line, observation_index
        ) as pick,
        count(*) over (partition by province_key, indicator_code, year, period) as n_candidates,
        min(value_canonical) over (partition by province_key, indicator_code, year, period) as min_value,
        max(value_canonical) over (partition by province_key, indicator_code, year, period) as max_value
    from facts
    where value_kind = 'target'
),

outcomes as (
    select
        facts.*,
        row_number() over (
            partition by province_key, indicator_code, year, period
            order by case value_kind when 'actual' then 0 else 1 end,
                     undated, document_date desc, layout_rank, document_id desc, source_line, observation_index
        ) as pick,
        count(*) over (partition by province_key, indicator_code, year, period) as n_candidates,
        min(value_canonical) over (partition by province_key, indicator_code, year, period, value_kind) as min_value,
        max(value_canonical) over (partition by province_key, indicator_code, year, period, value_kind) as max_value
    from facts
    where value_kind in ('actual', 'estimate')
),

keys as (
    select distinct province_key, indicator_code, year, period from facts
),

paired as (
    select
        k.province_key,
        k.indicator_code,
        k.year,
        k.period,
        coalesce(t.province_code, o.province_code)                   as province_code,
        coalesce(t.province_name, o.province_name)                   as province_name_vi,
        coalesce(t.province_name_en, o.province_name_en)             as province_name_en,
        coalesce(t.current_province_key, o.current_province_key)     as current_province_key,
        coalesce(t.current_province_code, o.current_province_code)   as current_province_code,
        coalesce(t.current_province_name, o.current_province_name)   as current_province_name_vi,
        coalesce(t.current_province_name_en, o.current_province_name_en) as current_province_name_en,
        coalesce(t.period_key, o.period_key)                         as period_key,
        i.name_vi                                                    as indicator_name_vi,
        i.name_en                                                    as indicator_name_en,
        i.indicator_group,
        i.higher_is_better,

        t.observation_id        as target_observation_id,
        t.document_id           as target_document_id,
        t.source_line           as target_source_line,
        t.comparator            as tc,
        t.value_low             as target_value_low,
        t.value_high            as target_value_high,
        t.unit_raw              as target_unit_raw,
        t.value_low_canonical   as tl,
        t.value_high_canonical  as th,
        t.unit                  as target_unit,
        t.n_candidates          as target_candidates,
        t.min_value < t.max_value and not {{ approx_eq('t.min_value', 't.max_value') }} as target_values_disagree,

        o.observation_id        as outcome_observation_id,
        o.document_id           as outcome_document_id,
        o.source_line           as outcome_source_line,
        o.value_kind            as outcome_kind,
        o.comparator            as oc,
        o.value_low             as outcome_value_low,
        o.value_high            as outcome_value_high,
        o.unit_raw              as outcome_unit_raw,
        o.value_low_canonical   as ol,
        o.value_high_canonical  as oh,
        o.unit                  as outcome_unit,
        o.n_candidates          as outcome_candidates,
        o.min_value < o.max_value and not {{ approx_eq('o.min_value', 'o.max_value') }} as outcome_values_disagree,
        o.verdict               as document_verdict
    from keys k
    left join targets t
        on t.province_key = k.province_key and t.indicator_code = k.indicator_code
        and t.year = k.year and t.period = k.period and t.pick = 1
    left join outcomes o
        on o.province_key = k.province_key and o.indicator_code = k.indicator_code
        and o.year = k.year and o.period = k.period and o.pick = 1
    left join indicators i
        on i.indicator_code = k.indicator_code
),

-- the bounds each side guarantees (canonical unit)
bounds as (
    select
        paired.*,
        -- target: lowest acceptable (floor) and highest acceptable (ceiling)
        case when tc in ('=', '~', '>=', '>', 'between') then tl end  as t_floor,
        case when tc in ('=', '~', '<=', '<', 'between') then th end  as t_ceiling,
        -- outcome: what it is at least (lo) and at most (hi)
        case when oc in ('=', '~', '>=', '>', 'between') then ol end  as o_lo,
        case when oc in ('=', '~', '<=', '<', 'between') then oh end  as o_hi,
        oc in ('=', '~')                                              as o_point,
        {{ dbt.split_part('target_unit', "'/'", 1) }}                 as target_unit_base,
        {{ dbt.split_part('outcome_unit', "'/'", 1) }}                as outcome_unit_base
    from paired
),

rated as (
    select
        bounds.*,
        case
            when tc is null then 'target_missing'
            when oc is null then 'outcome_missing'
            when target_unit_base <> outcome_unit_base then 'unit_mismatch'
            when higher_is_better is null then 'no_direction'
            else 'compared'
        end as compare_state
    from bounds
),

statused as (
    select
        rated.*,
        case
            when compare_state <> 'compared' and compare_state <> 'no_direction' then 'unknown'

            -- no direction (e.g. a sector share): only "the outcome satisfies the target" is decidable
            when compare_state = 'no_direction' then
                case
                    when o_point
                     and (t_floor is null or o_lo > t_floor or ({{ approx_eq('o_lo', 't_floor') }} and tc <> '>'))
                     and (t_ceiling is null or o_hi < t_ceiling or ({{ approx_eq('o_hi', 't_ceiling') }} and tc <> '<'))
                    then 'achieved'
                    else 'unknown'
                end

            -- higher is better, target has a floor (=, ~, >=, >, between)
            when higher_is_better and t_floor is not null then
                case
                    when o_lo is not null then
                        case
                            -- beyond the top of the target (the floor itself unless it is a range)
                            when o_lo > (case when tc = 'between' then t_ceiling else t_floor end)
                             and not {{ approx_eq('o_lo', "(case when tc = 'between' then t_ceiling else t_floor end)") }}
                                then 'exceeded'
                            -- on the floor: met (an open bound "> 46" against ">= 46" proves the
                            -- target but not by how much, so it is not counted as exceeded)
                            when {{ approx_eq('o_lo', 't_floor') }} then
                                case when tc = '>' and oc <> '>' then 'missed' else 'achieved' end
                            when o_lo > t_floor then 'achieved'
                            -- below the floor
                            when o_point then 'missed'
                            when oc = 'between' and o_hi < t_floor and not {{ approx_eq('o_hi', 't_floor') }} then 'missed'
                            else 'unknown'
                        end
                    -- outcome only bounded above ("< x")
                    when o_hi < t_floor and not {{ approx_eq('o_hi', 't_floor') }} then 'missed'
                    when {{ approx_eq('o_hi', 't_floor') }} and (oc = '<' or tc = '>') then 'missed'
                    else 'unknown'
                end

            -- lower is better, target has a ceiling (=, ~, <=, <, between)
            when not higher_is_better and t_ceiling is not null then
                case
                    when o_hi is not null then
                        case
                            when o_hi < (case when tc = 'between' then t_floor else t_ceiling end)
                             and not {{ approx_eq('o_hi', "(case when tc = 'between' then t_floor else t_ceiling end)") }}
                                then 'exceeded'
                            when {{ approx_eq('o_hi', 't_ceiling') }} then
                                case when tc = '<' and oc <> '<' then 'missed' else 'achieved' end
                            when o_hi < t_ceiling then 'achieved'
                            when o_point then 'missed'
                            when oc = 'between' and o_lo > t_ceiling and not {{ approx_eq('o_lo', 't_ceiling') }} then 'missed'
                            else 'unknown'
                        end
                    when o_lo > t_ceiling and not {{ approx_eq('o_lo', 't_ceiling') }} then 'missed'
                    when {{ approx_eq('o_lo', 't_ceiling') }} and (oc = '>' or tc = '<') then 'missed'
                    else 'unknown'
                end

            -- a target pointing the other way than the catalog direction (a ceiling on a
            -- higher-is-better indicator, a floor on a lower-is-better one): satisfied or not
            when o_point
             and (t_floor is null or o_lo > t_floor or ({{ approx_eq('o_lo', 't_floor') }} and tc <> '>'))
             and (t_ceiling is null or o_hi < t_ceiling or ({{ approx_eq('o_hi', 't_ceiling') }} and tc <> '<'))
                then 'achieved'
            when o_point then 'missed'
            else 'unknown'
        end as computed_status
    from rated
),

final as (
    select
        statused.*,
        case
            when higher_is_better then t_floor
            when not higher_is_better then t_ceiling
            else {{ representative_value('tc', 'tl', 'th') }}
        end                                                             as target_reference_value,
        {{ representative_value('oc', 'ol', 'oh') }}                    as outcome_reference_value,
        {{ verdict_status('document_verdict') }}                        as document_status
    from statused
)

select
    cast(province_key as varchar)                   as province_key,
    cast(province_code as varchar)                  as province_code,
    cast(province_name_vi as varchar)               as province_name_vi,
    cast(province_name_en as varchar)               as province_name_en,
    cast(current_province_key as varchar)           as current_province_key,
    cast(current_province_code as varchar)          as current_province_code,
    cast(current_province_name_vi as varchar)       as current_province_name_vi,
    cast(current_province_name_en as varchar)       as current_province_name_en,
    cast(indicator_code as varchar)                 as indicator_code,
    cast(indicator_name_vi as varchar)              as indicator_name_vi,
    cast(indicator_name_en as varchar)              as indicator_name_en,
    cast(indicator_group as varchar)                as indicator_group,
    cast(higher_is_better as boolean)               as higher_is_better,
    cast(year as integer)                           as year,
    cast(period as varchar)                         as period,
    cast(period_key as varchar)                     as period_key,

    cast(tc is not null as boolean)                 as has_target,
    cast(tc as varchar)                             as target_comparator,
    cast(target_value_low as double precision)      as target_value_low,
    cast(target_value_high as double precision)     as target_value_high,
    cast(target_unit_raw as varchar)                as target_unit_raw,
    cast(tl as double precision)                    as target_value_low_canonical,
    cast(th as double precision)                    as target_value_high_canonical,
    cast(target_unit as varchar)                    as target_unit,
    cast(target_document_id as varchar)             as target_document_id,
    cast(target_source_line as integer)             as target_source_line,
    cast(target_observation_id as varchar)          as target_observation_id,
    cast(coalesce(target_candidates, 0) as integer) as target_candidates,
    cast(coalesce(target_values_disagree, false) as boolean) as target_values_disagree,

    cast(oc is not null as boolean)                 as has_outcome,
    cast(outcome_kind as varchar)                   as outcome_kind,
    cast(oc as varchar)                             as outcome_comparator,
    cast(outcome_value_low as double precision)     as outcome_value_low,
    cast(outcome_value_high as double precision)    as outcome_value_high,
    cast(outcome_unit_raw as varchar)               as outcome_unit_raw,
    cast(ol as double precision)                    as outcome_value_low_canonical,
    cast(oh as double precision)                    as outcome_value_high_canonical,
    cast(outcome_unit as varchar)                   as outcome_unit,
    cast(outcome_document_id as varchar)            as outcome_document_id,
    cast(outcome_source_line as integer)            as outcome_source_line,
    cast(outcome_observation_id as varchar)         as outcome_observation_id,
    cast(coalesce(outcome_candidates, 0) as integer) as outcome_candidates,
    cast(coalesce(outcome_values_disagree, false) as boolean) as outcome_values_disagree,

    cast(target_reference_value as double precision)  as target_reference_value,
    cast(outcome_reference_value as double precision) as outcome_reference_value,
    cast(outcome_reference_value - target_reference_value as double precision) as gap_absolute,
    cast(case
        when target_reference_value is null or outcome_reference_value is null or target_reference_value = 0 then null
        else (outcome_reference_value - target_reference_value) / abs(target_reference_value)
    end as double precision)                        as gap_relative,

    cast(computed_status as varchar)                as attainment_status,
    cast(case
        when compare_state = 'no_direction' and computed_status <> 'unknown' then 'compared_no_direction'
        when compare_state <> 'compared' then compare_state
        when computed_status = 'unknown' then 'bound_only'
        else 'compared'
    end as varchar)                                 as status_reason,
    cast(document_verdict as varchar)               as document_verdict,
    cast(document_status as varchar)                as document_status,
    cast(coalesce(document_status is not null and computed_status <> 'unknown'
                  and document_status <> computed_status, false) as boolean) as verdict_disagrees
from final
