-- Every document or row rejected upstream (decode, extraction, pandera validation), as loaded.
with source as (
    select * from {{ source('raw', 'quarantine') }}
)

select
    cast(document_id as varchar)        as document_id,
    cast(source_line as integer)        as source_line,
    cast(source_text as varchar)        as source_text,
    cast(source_text_start as integer)  as source_text_start,
    cast(source_text_end as integer)    as source_text_end,
    cast(stage as varchar)              as stage,
    cast(check_name as varchar)         as check_name,
    cast(reason as varchar)             as reason,
    cast(detail as varchar)             as detail,
    cast(detected_at as timestamp)      as detected_at
from source
