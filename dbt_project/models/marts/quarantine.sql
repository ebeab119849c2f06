-- Everything rejected, published: documents and rows rejected upstream (raw.quarantine: stages
-- document / extraction / validation) plus observations the marts refused (stage 'mart', e.g. an
-- indicator code the catalog does not know). With reason, check, document and line.
with upstream as (
    select
        document_id,
        source_line,
        source_text,
        source_text_start,
        source_text_end,
        stage,
        check_name,
        reason,
        detail,
        detected_at,
        cast(null as varchar) as observation_id
    from {{ ref('stg_quarantine') }}
),

mart_rejects as (
    select
        document_id,
        source_line,
        source_text,
        source_text_start,
        source_text_end,
        'mart'                                                  as stage,
        {{ dbt.concat(["'mart_'", "mart_reject_reason"]) }}     as check_name,
        case mart_reject_reason
            when 'duplicate_observation_id' then 'the same observation id was extracted twice'
            when 'document_unknown'     then 'observation of a document missing from raw.documents'
            when 'document_quarantined' then 'observation of a quarantined document'
            when 'indicator_missing'    then 'no indicator code'
            when 'indicator_unknown'    then 'indicator code not in the catalog (indicators.csv)'
            when 'year_missing'         then 'no year'
            when 'year_out_of_range'    then 'year outside the period dimension'
            when 'period_invalid'       then 'period is not FY, H1, H2, 9M or Q1-Q4'
            when 'value_kind_invalid'   then 'value kind is not target, estimate or actual'
            when 'comparator_invalid'   then 'comparator is not one of = >= > <= < ~ between'
            when 'layout_invalid'       then 'layout is not table, list or prose'
            when 'value_missing'        then 'no value'
            when 'value_shape'          then 'low/high do not fit the comparator'
            when 'unit_missing'         then 'no canonical unit'
            when 'unit_unknown'         then 'unit key not in units.csv'
            when 'province_unknown'     then 'document province key not in provinces.csv'
            when 'source_line_invalid'  then 'source line missing or < 1'
            else mart_reject_reason
        end                                                     as reason,
        {{ dbt.concat([
            "'indicator='", "coalesce(indicator_code, '')",
            "' year='", "coalesce(cast(year as varchar), '')",
            "' kind='", "coalesce(value_kind, '')",
            "' comparator='", "coalesce(comparator, '')",
            "' low='", "coalesce(cast(value_low as varchar), '')",
            "' high='", "coalesce(cast(value_high as varchar), '')",
            "' unit='", "coalesce(unit_raw, '')"
        ]) }}                                                   as detail,
        cast(null as timestamp)                                 as detected_at,
        observation_id
    from {{ ref('int_observations_resolved') }}
    where mart_reject_reason is not null
),

unioned as (
    select * from upstream
    union all
    select * from mart_rejects
),

documents as (
    select document_id, doc_type, province_key from {{ ref('stg_documents') }}
),

provinces as (
    select province_key, province_code, name_vi, name_en from {{ ref('stg_provinces') }}
)

select
    cast({{ dbt.concat([
        "coalesce(u.document_id, '?')", "':'",
        "coalesce(cast(u.source_line as varchar), '-')", "':'",
        "u.stage", "':'", "coalesce(u.check_name, '')", "':'",
        "cast(row_number() over (partition by u.document_id, u.source_line, u.stage, u.check_name order by u.observation_id, u.reason, u.source_text) as varchar)"
    ]) }} as varchar)                               as quarantine_id,
    cast(u.document_id as varchar)                  as document_id,
    cast(u.source_line as integer)                  as source_line,
    cast(u.source_text as varchar)                  as source_text,
    cast(u.source_text_start as integer)            as source_text_start,
    cast(u.source_text_end as integer)              as source_text_end,
    cast(u.stage as varchar)                        as stage,
    cast(coalesce(u.check_name, 'unspecified') as varchar) as check_name,
    cast(coalesce(u.reason, u.check_name, 'unspecified') as varchar) as reason,
    cast(u.detail as varchar)                       as detail,
    cast(u.detected_at as timestamp)                as detected_at,
    cast(u.observation_id as varchar)               as observation_id,
    cast(d.doc_type as varchar)                     as doc_type,
    cast(d.province_key as varchar)                 as province_key,
    cast(p.province_code as varchar)                as province_code,
    cast(p.name_vi as varchar)                      as province_name_vi,
    cast(p.name_en as varchar)                      as province_name_en
from unioned u
left join documents d
    on d.document_id = u.document_id
left join provinces p
    on p.province_key = d.province_key
