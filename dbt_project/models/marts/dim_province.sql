-- All 97 provincial units (63 before, 34 from 2025-07-01) with the current unit each belongs to.
-- VN34 units map to themselves; every VN63 unit maps to exactly one VN34 unit (NQ 202/2025/QH15).
with provinces as (
    select * from {{ ref('stg_provinces') }}
),

lineage as (
    select * from {{ ref('stg_province_lineage') }}
),

predecessors as (
    select new_province_key, count(*) as n_predecessors
    from lineage
    group by new_province_key
)

select
    cast(p.province_key as varchar)             as province_key,
    cast(p.province_code as varchar)            as province_code,
    cast(p.name_vi as varchar)                  as name_vi,
    cast(p.name_en as varchar)                  as name_en,
    cast(p.full_name_vi as varchar)             as full_name_vi,
    cast(p.slug as varchar)                     as slug,
    cast(p.unit_type as varchar)                as unit_type,
    cast(p.region_vi as varchar)                as region_vi,
    cast(p.region_en as varchar)                as region_en,
    cast(p.province_set as integer)             as province_set,
    cast(p.valid_from as date)                  as valid_from,
    cast(p.valid_to as date)                    as valid_to,
    cast(p.valid_to is null as boolean)         as is_current,
    cast(c.province_key as varchar)             as current_province_key,
    cast(c.province_code as varchar)            as current_province_code,
    cast(c.name_vi as varchar)                  as current_province_name_vi,
    cast(c.name_en as varchar)                  as current_province_name_en,
    cast(case when p.province_set = 34 then coalesce(pr.n_predecessors, 0) end as integer) as n_predecessors,
    cast(l.effective_date as date)              as merger_effective_date,
    cast(l.legal_basis as varchar)              as merger_legal_basis,
    cast(p.note as varchar)                     as note
from provinces p
left join lineage l
    on l.old_province_key = p.province_key
left join provinces c
    on c.province_key = case when p.province_set = 34 then p.province_key else l.new_province_key end
left join predecessors pr
    on pr.new_province_key = p.province_key
