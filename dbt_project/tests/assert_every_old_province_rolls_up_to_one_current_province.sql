-- Every pre-July-2025 province (VN63) belongs to exactly one current (VN34) province, and every
-- current province has at least one predecessor. Returns the offending provinces (0 rows = pass).
with old as (
    select province_key from {{ ref('provinces') }} where province_set = 63
),

current_units as (
    select province_key from {{ ref('provinces') }} where province_set = 34
),

rollup as (
    select old.province_key, count(l.new_province_key) as n_current
    from old
    left join {{ ref('province_lineage') }} l
        on l.old_province_key = old.province_key
    left join current_units c
        on c.province_key = l.new_province_key
    group by old.province_key
),

orphans as (
    select c.province_key, count(l.old_province_key) as n_predecessors
    from current_units c
    left join {{ ref('province_lineage') }} l
        on l.new_province_key = c.province_key
    group by c.province_key
)

select province_key, 'old province maps to ' || cast(n_current as varchar) || ' current provinces' as problem
from rollup where n_current <> 1
union all
select province_key, 'current province has no predecessor' as problem
from orphans where n_predecessors = 0
