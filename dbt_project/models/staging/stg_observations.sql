-- One row per stated value as extraction wrote it (raw.observations), typed and keyed.
-- observation_id = document_id || ':' || observation_index (observation_index is 0-based and
-- stable for the same text, so the id is stable across reloads of an unchanged document).
with source as (
    select * from {{ source('raw', 'observations') }}
)

select
    {{ dbt.concat(["cast(document_id as varchar)", "':'", "cast(observation_index as varchar)"]) }} as observation_id,
    cast(document_id as varchar)                    as document_id,
    cast(observation_index as integer)              as observation_index,
    cast(source_line as integer)                    as source_line,
    cast(source_text as varchar)                    as source_text,
    cast(source_text_start as integer)              as source_text_start,
    cast(source_text_end as integer)                as source_text_end,
    cast(indicator_label as varchar)                as indicator_label,
    cast(nullif(trim(indicator_code), '') as varchar) as indicator_code,
    cast(match_score as double precision)           as match_score,
    cast(year as integer)                           as year,
    cast(coalesce(nullif(trim(period), ''), 'FY') as varchar) as period,
    cast(lower(trim(value_kind)) as varchar)        as value_kind,
    cast(trim(comparator) as varchar)               as comparator,
    cast(value_low as double precision)             as value_low,
    cast(value_high as double precision)            as value_high,
    cast(unit_raw as varchar)                       as unit_raw,
    cast(nullif(trim(unit_key), '') as varchar)     as unit_key,
    cast(nullif(trim(unit), '') as varchar)         as unit,
    cast(value_low_canonical as double precision)   as value_low_canonical,
    cast(value_high_canonical as double precision)  as value_high_canonical,
    cast(nullif(trim(verdict), '') as varchar)      as verdict,
    cast(lower(trim(layout)) as varchar)            as layout
from source
