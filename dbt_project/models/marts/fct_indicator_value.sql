-- One row per stated value (target / estimate / actual) that passed every check, traceable to its
-- document and line. The province is the province of the document (raw.documents.province_key);
-- current_province_* is the post-2025-07-01 unit it belongs to. Rows that fail a publication rule
-- are in marts.quarantine (stage 'mart') instead.
select
    cast(observation_id as varchar)             as observation_id,
    cast(document_id as varchar)                as document_id,
    cast(observation_index as integer)          as observation_index,
    cast(source_line as integer)                as source_line,
    cast(source_text as varchar)                as source_text,
    cast(province_key as varchar)               as province_key,
    cast(province_code as varchar)              as province_code,
    cast(province_name as varchar)              as province_name,
    cast(province_name_en as varchar)           as province_name_en,
    cast(province_era as varchar)               as province_era,
    cast(current_province_key as varchar)       as current_province_key,
    cast(current_province_code as varchar)      as current_province_code,
    cast(current_province_name as varchar)      as current_province_name,
    cast(current_province_name_en as varchar)   as current_province_name_en,
    cast(indicator_code as varchar)             as indicator_code,
    cast(indicator_label as varchar)            as indicator_label,
    cast(indicator_name_vi as varchar)          as indicator_name_vi,
    cast(indicator_name_en as varchar)          as indicator_name_en,
    cast(year as integer)                       as year,
    cast(period as varchar)                     as period,
    cast(period_key as varchar)                 as period_key,
    cast(value_kind as varchar)                 as value_kind,
    cast(comparator as varchar)                 as comparator,
    cast(value_low as double precision)         as value_low,
    cast(value_high as double precision)        as value_high,
    cast(unit_raw as varchar)                   as unit_raw,
    cast(unit_key as varchar)                   as unit_key,
    cast(unit as varchar)                       as unit,
    cast(value_low_canonical as double precision)  as value_low_canonical,
    cast(value_high_canonical as double precision) as value_high_canonical,
    cast(verdict as varchar)                    as verdict,
    cast(layout as varchar)                     as layout,
    cast(match_score as double precision)       as match_score,
    cast(document_type as varchar)              as document_type,
    cast(document_date as date)                 as document_date,
    cast(year_within_province_validity as boolean) as year_within_province_validity
from {{ ref('int_observations_resolved') }}
where mart_reject_reason is null
