-- Contradicting values: the same province (as written), indicator, year, period and value kind
-- stated with different values, across documents or within one document. One row per such group.
-- Two statements are "the same value" when comparator and canonical low/high agree (rounded to
-- 6 decimals); the unit spelling does not matter (values are compared in the canonical unit).
-- Conflicts are surfaced here (and per statement in mart_value_conflicts), never dropped.

with accepted as (
    select
        *,
        {{ dbt.concat([
            "comparator", "'|'",
            "coalesce(cast(round(value_low_canonical, 6) as varchar), '')", "'|'",
            "coalesce(cast(round(value_high_canonical, 6) as varchar), '')"
        ]) }} as value_signature,
        {{ representative_value('comparator', 'value_low_canonical', 'value_high_canonical') }} as value_canonical
    from {{ ref('int_observations_resolved') }}
    where mart_reject_reason is null
),

groups as (
    select
        province_key,
        indicator_code,
        year,
        period,
        value_kind,
        count(*)                                    as n_observations,
        count(distinct document_id)                 as n_documents,
        count(distinct value_signature)             as n_distinct_values,
        count(distinct round(value_canonical, 6))   as n_distinct_numbers,
        min(value_canonical)                        as min_value_canonical,
        max(value_canonical)                        as max_value_canonical
    from accepted
    group by province_key, indicator_code, year, period, value_kind
    having count(distinct value_signature) > 1
),

-- a document that itself states two different values for the group
within_document as (
    select province_key, indicator_code, year, period, value_kind, count(*) as n_self_contradicting_documents
    from (
        select province_key, indicator_code, year, period, value_kind, document_id
        from accepted
        group by province_key, indicator_code, year, period, value_kind, document_id
        having count(distinct value_signature) > 1
    ) per_document
    group by province_key, indicator_code, year, period, value_kind
),

distinct_values as (
    select distinct
        a.province_key, a.indicator_code, a.year, a.period, a.value_kind,
        a.value_signature,
        {{ dbt.concat([
            "case when a.comparator in ('=', '~') then '' when a.comparator = 'between' then '' else a.comparator end",
            "case when a.comparator = '~' then '~' else '' end",
            "case when a.comparator = 'between' then " ~ dbt.concat(["cast(a.value_low_canonical as varchar)", "'–'", "cast(a.value_high_canonical as varchar)"]) ~ " else cast(a.value_canonical as varchar) end"
        ]) }} as value_text
    from accepted a
    inner join groups g
        on  g.indicator_code = a.indicator_code
        and g.year = a.year
        and g.period = a.period
        and g.value_kind = a.value_kind
        and (g.province_key = a.province_key or (g.province_key is null and a.province_key is null))
),

value_lists as (
    select
        province_key, indicator_code, year, period, value_kind,
        {{ dbt.listagg('value_text', "'; '", 'order by value_text') }} as distinct_values
    from distinct_values
    group by province_key, indicator_code, year, period, value_kind
)

select
    {{ dbt.concat([
        "coalesce(g.province_key, '?')", "'|'", "g.indicator_code", "'|'",
        period_key('g.year', 'g.period'), "'|'", "g.value_kind"
    ]) }}                                                   as conflict_group_id,
    g.province_key,
    g.indicator_code,
    g.year,
    g.period,
    {{ period_key('g.year', 'g.period') }}                  as period_key,
    g.value_kind,
    cast(g.n_observations as integer)                       as n_observations,
    cast(g.n_documents as integer)                          as n_documents,
    cast(g.n_distinct_values as integer)                    as n_distinct_values,
    case when g.n_distinct_numbers > 1 then 'different_numbers' else 'different_comparators' end as conflict_type,
    g.n_documents > 1                                       as across_documents,
    coalesce(w.n_self_contradicting_documents, 0) > 0       as within_document,
    g.min_value_canonical,
    g.max_value_canonical,
    g.max_value_canonical - g.min_value_canonical           as spread_canonical,
    v.distinct_values
from groups g
left join within_document w
    on  w.indicator_code = g.indicator_code and w.year = g.year and w.period = g.period and w.value_kind = g.value_kind
    and (w.province_key = g.province_key or (w.province_key is null and g.province_key is null))
left join value_lists v
    on  v.indicator_code = g.indicator_code and v.year = g.year and v.period = g.period and v.value_kind = g.value_kind
    and (v.province_key = g.province_key or (v.province_key is null and g.province_key is null))
