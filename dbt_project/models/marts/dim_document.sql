-- One row per raw document (readable or quarantined): what it is, which province it is about and
-- how that was determined, and how many values it yielded / how many of its rows were rejected.
with documents as (
    select * from {{ ref('stg_documents') }}
),

provinces as (
    select * from {{ ref('dim_province') }}
),

observations as (
    select
        document_id,
        count(*)                                                        as n_extracted,
        sum(case when mart_reject_reason is null then 1 else 0 end)     as n_values,
        sum(case when mart_reject_reason is null and value_kind = 'target' then 1 else 0 end)   as n_targets,
        sum(case when mart_reject_reason is null and value_kind = 'estimate' then 1 else 0 end) as n_estimates,
        sum(case when mart_reject_reason is null and value_kind = 'actual' then 1 else 0 end)   as n_actuals,
        sum(case when mart_reject_reason is not null then 1 else 0 end) as n_mart_rejects,
        min(case when mart_reject_reason is null then year end)         as first_year,
        max(case when mart_reject_reason is null then year end)         as last_year
    from {{ ref('int_observations_resolved') }}
    group by document_id
),

quarantined as (
    select document_id, count(*) as n_quarantined
    from {{ ref('stg_quarantine') }}
    group by document_id
)

select
    cast(d.document_id as varchar)              as document_id,
    cast(d.file_name as varchar)                as file_name,
    cast(d.doc_type as varchar)                 as doc_type,
    cast(d.issuer as varchar)                   as issuer,
    cast(d.doc_number as varchar)               as doc_number,
    cast(d.doc_date as date)                    as doc_date,
    cast(d.doc_date_method as varchar)          as doc_date_method,
    cast(d.title as varchar)                    as title,
    cast(d.province_key as varchar)             as province_key,
    cast(p.province_code as varchar)            as province_code,
    cast(p.name_vi as varchar)                  as province_name_vi,
    cast(p.name_en as varchar)                  as province_name_en,
    cast(p.current_province_key as varchar)     as current_province_key,
    cast(p.current_province_code as varchar)    as current_province_code,
    cast(p.current_province_name_vi as varchar) as current_province_name_vi,
    cast(p.current_province_name_en as varchar) as current_province_name_en,
    cast(d.province_name as varchar)            as province_name_as_detected,
    cast(d.province_method as varchar)          as province_method,
    cast(d.province_confidence as double precision) as province_confidence,
    cast(d.content_sha256 as varchar)           as content_sha256,
    cast(d.size_bytes as bigint)                as size_bytes,
    cast(d.line_count as integer)               as line_count,
    cast(d.encoding as varchar)                 as encoding,
    cast(d.status as varchar)                   as status,
    cast(d.extracted_at as timestamp)           as extracted_at,
    cast(coalesce(o.n_values, 0) as integer)    as value_count,
    cast(coalesce(o.n_targets, 0) as integer)   as target_count,
    cast(coalesce(o.n_estimates, 0) as integer) as estimate_count,
    cast(coalesce(o.n_actuals, 0) as integer)   as actual_count,
    cast(coalesce(q.n_quarantined, 0) + coalesce(o.n_mart_rejects, 0) as integer) as quarantined_count,
    cast(o.first_year as integer)               as first_value_year,
    cast(o.last_year as integer)                as last_value_year
from documents d
left join provinces p
    on p.province_key = d.province_key
left join observations o
    on o.document_id = d.document_id
left join quarantined q
    on q.document_id = d.document_id
