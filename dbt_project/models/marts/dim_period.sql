-- Calendar periods the values refer to: full years (period FY, key '2024'), half-years
-- (H1/H2, key '2024-H1'), the first nine months (9M) and quarters (Q1–Q4), each with its five-year
-- socio-economic plan period
-- (2016–2020, 2021–2025, 2026–2030, ...: plans start in years ending in 1 or 6).
with recursive years (year) as (
    select {{ var('period_first_year') }} as year
    union all
    select year + 1 from years where year < {{ var('period_last_year') }}
),

kinds as (
    select 'FY' as period, 1 as start_month, 12 as end_month, 31 as end_day
    union all select 'H1', 1, 6, 30
    union all select 'H2', 7, 12, 31
    union all select '9M', 1, 9, 30
    union all select 'Q1', 1, 3, 31
    union all select 'Q2', 4, 6, 30
    union all select 'Q3', 7, 9, 30
    union all select 'Q4', 10, 12, 31
),

periods as (
    select
        y.year,
        k.period,
        k.start_month,
        k.end_month,
        k.end_day,
        y.year - {{ modulo('y.year - 1', 5) }}       as plan_start_year
    from years y
    cross join kinds k
)

select
    cast({{ period_key('year', 'period') }} as varchar)                             as period_key,
    cast(year as integer)                                                           as year,
    cast(period as varchar)                                                         as period,
    cast(case when period = 'FY' then 'year' when period in ('H1', 'H2') then 'half_year'
              when period = '9M' then 'year_to_date' else 'quarter' end as varchar)   as period_type,
    cast({{ dbt.concat(["cast(year as varchar)", "'-'", "case when start_month < 10 then '0' else '' end", "cast(start_month as varchar)", "'-01'"]) }} as date) as start_date,
    cast({{ dbt.concat(["cast(year as varchar)", "'-'", "case when end_month < 10 then '0' else '' end", "cast(end_month as varchar)", "'-'", "cast(end_day as varchar)"]) }} as date) as end_date,
    cast({{ dbt.concat(["cast(plan_start_year as varchar)", "'-'", "cast(plan_start_year + 4 as varchar)"]) }} as varchar) as plan_period,
    cast(plan_start_year as integer)                                                as plan_start_year,
    cast(plan_start_year + 4 as integer)                                            as plan_end_year,
    cast(year - plan_start_year + 1 as integer)                                     as plan_year_number,
    cast(case when year >= 2025 and not (year = 2025 and period in ('H1', 'Q1', 'Q2')) then 34 else 63 end as integer) as province_set_at_period_end
from periods
