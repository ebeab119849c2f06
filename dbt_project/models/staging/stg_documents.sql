-- One row per raw document (readable or quarantined), typed and trimmed. Source of dim_document.
with source as (
    select * from {{ source('raw', 'documents') }}
)

select
    cast(document_id as varchar)                        as document_id,
    cast(file_name as varchar)                          as file_name,
    cast(content_sha256 as varchar)                     as content_sha256,
    cast(size_bytes as bigint)                          as size_bytes,
    cast(line_count as integer)                         as line_count,
    cast(encoding as varchar)                           as encoding,
    cast(coalesce(nullif(trim(doc_type), ''), 'unknown') as varchar) as doc_type,
    cast(nullif(trim(issuer), '') as varchar)           as issuer,
    cast(nullif(trim(doc_number), '') as varchar)       as doc_number,
    cast(doc_date as date)                              as doc_date,
    cast(coalesce(nullif(trim(doc_date_method), ''), 'none') as varchar) as doc_date_method,
    cast(nullif(trim(title), '') as varchar)            as title,
    cast(nullif(trim(province_key), '') as varchar)     as province_key,
    cast(nullif(trim(province_code), '') as varchar)    as province_code,
    cast(nullif(trim(province_name), '') as varchar)    as province_name,
    cast(coalesce(nullif(trim(province_method), ''), 'none') as varchar) as province_method,
    cast(province_confidence as double precision)       as province_confidence,
    cast(coalesce(nullif(trim(status), ''), 'ok') as varchar) as status,
    cast(extracted_at as timestamp)                     as extracted_at
from source
