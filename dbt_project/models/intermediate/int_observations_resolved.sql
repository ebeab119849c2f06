-- Every extracted observation with its document, its province (as written, with the era of that
-- unit) and the current (post-2025-07-01) province it rolls up to, its catalog indicator and unit.
-- Rows the marts cannot publish get a mart_reject_reason (they go to marts.quarantine with stage
-- 'mart'); nothing is dropped here.

with observations as (
    select * from {{ ref('stg_observations') }}
),

documents as (
    select * from {{ ref('stg_documents') }}
),

provinces as (
    select * from {{ ref('stg_provinces') }}
),

lineage as (
    select * from {{ ref('stg_province_lineage') }}
),

indicators as (
    select * from {{ ref('stg_indicators') }}
),

units as (
    select * from {{ ref('stg_units') }}
),

numbered as (
    select
        observations.*,
        row_number() over (partition by observations.observation_id order by observations.source_line) as id_rank
    from observations
),

joined as (
    select
        o.observation_id,
        o.document_id,
        o.observation_index,
        o.source_line,
        o.source_text,
        o.source_text_start,
        o.source_text_end,
        o.indicator_label,
        o.indicator_code,
        o.match_score,
        o.year,
        o.period,
        {{ period_key('o.year', 'o.period') }} as period_key,
        o.value_kind,
        o.comparator,
        o.value_low,
        o.value_high,
        o.unit_raw,
        o.unit_key,
        o.unit,
        o.value_low_canonical,
        o.value_high_canonical,
        o.verdict,
        o.layout,
        o.id_rank,

        d.document_id is not null               as document_known,
        d.status                                as document_status,
        d.doc_type                              as document_type,
        d.doc_date                              as document_date,

        d.province_key                          as document_province_key,
        p.province_key,
        p.province_code,
        p.name_vi                               as province_name,
        p.name_en                               as province_name_en,
        p.province_set,
        p.valid_from                            as province_valid_from,
        p.valid_to                              as province_valid_to,

        cp.province_key                         as current_province_key,
        cp.province_code                        as current_province_code,
        cp.name_vi                              as current_province_name,
        cp.name_en                              as current_province_name_en,

        i.indicator_code is not null            as indicator_known,
        i.name_vi                               as indicator_name_vi,
        i.name_en                               as indicator_name_en,
        i.indicator_group,
        i.canonical_unit                        as indicator_canonical_unit,
        i.higher_is_better,

        u.unit_key is not null                  as unit_known,
        u.canonical_unit                        as unit_table_canonical_unit,
        u.multiplier                            as unit_multiplier
    from numbered o
    left join documents d
        on d.document_id = o.document_id
    left join provinces p
        on p.province_key = d.province_key
    left join lineage l
        on l.old_province_key = p.province_key
    left join provinces cp
        on cp.province_key = case when p.province_set = 34 then p.province_key else l.new_province_key end
    left join indicators i
        on i.indicator_code = o.indicator_code
    left join units u
        on u.unit_key = o.unit_key
)

select
    joined.*,
    case
        when province_key is null then null
        when province_set = 63 then 'VN63'
        else 'VN34'
    end as province_era,
    -- a value about a year outside the stated unit's lifetime (e.g. a 2026 target in a pre-merger
    -- document) is kept; this flag only says so
    case
        when province_key is null or year is null then null
        when year < extract(year from province_valid_from) then false
        when province_valid_to is not null and year > extract(year from province_valid_to) then false
        else true
    end as year_within_province_validity,
    case
        when id_rank > 1                                    then 'duplicate_observation_id'
        when not document_known                             then 'document_unknown'
        when document_status <> 'ok'                        then 'document_quarantined'
        when indicator_code is null                         then 'indicator_missing'
        when not indicator_known                            then 'indicator_unknown'
        when year is null                                   then 'year_missing'
        when year < {{ var('period_first_year') }} or year > {{ var('period_last_year') }} then 'year_out_of_range'
        when period not in ('FY', 'H1', 'H2', '9M', 'Q1', 'Q2', 'Q3', 'Q4')               then 'period_invalid'
        when value_kind not in ('target', 'estimate', 'actual') or value_kind is null then 'value_kind_invalid'
        when comparator not in ('=', '>=', '>', '<=', '<', '~', 'between') or comparator is null then 'comparator_invalid'
        when layout not in ('table', 'list', 'prose') or layout is null then 'layout_invalid'
        when value_low is null and value_high is null       then 'value_missing'
        when comparator in ('=', '~', 'between') and (value_low is null or value_high is null) then 'value_shape'
        when comparator in ('>=', '>') and (value_low is null or value_high is not null) then 'value_shape'
        when comparator in ('<=', '<') and (value_high is null or value_low is not null) then 'value_shape'
        when value_low is not null and value_high is not null and value_low > value_high then 'value_shape'
        when unit is null                                   then 'unit_missing'
        when unit_key is null or not unit_known             then 'unit_unknown'
        when document_province_key is not null and province_key is null then 'province_unknown'
        when source_line is null or source_line < 1         then 'source_line_invalid'
    end as mart_reject_reason
from joined
