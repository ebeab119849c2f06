{#- Small, portable SQL helpers shared by the models (no adapter-specific functions). -#}

{#- Two numbers are equal up to float noise: |a-b| <= tol * max(|a|, |b|, 1). Null-safe: null when either is null. -#}
{% macro approx_eq(a, b) -%}
    (abs(({{ a }}) - ({{ b }})) <= {{ var('value_rel_tolerance') }} * (case
        when abs({{ a }}) >= abs({{ b }}) and abs({{ a }}) >= 1 then abs({{ a }})
        when abs({{ b }}) >= 1 then abs({{ b }})
        else 1 end))
{%- endmacro %}

{#- The document's own verdict ("Đạt KH", "Vượt KH", "Không đạt KH", "Chưa đạt", "Hoàn thành") as an
    attainment status; null when there is none or it is unreadable. Input is NFC text. -#}
{% macro verdict_status(verdict) -%}
    case
        when {{ verdict }} is null or trim({{ verdict }}) = '' then null
        when lower({{ verdict }}) like '%không đạt%' or lower({{ verdict }}) like '%chưa đạt%'
          or lower({{ verdict }}) like '%không hoàn thành%' or lower({{ verdict }}) like '%chưa hoàn thành%' then 'missed'
        when lower({{ verdict }}) like '%vượt%' then 'exceeded'
        when lower({{ verdict }}) like '%đạt%' or lower({{ verdict }}) like '%hoàn thành%' then 'achieved'
        else null
    end
{%- endmacro %}

{#- Period key of dim_period: '2024' for a full year (FY), '2024-H1' / '2024-H2' for half-years. -#}
{% macro period_key(year, period) -%}
    case
        when {{ year }} is null then null
        when {{ period }} is null or {{ period }} = 'FY' then cast({{ year }} as {{ dbt.type_string() }})
        else {{ dbt.concat([dbt.cast(year, dbt.type_string()), "'-'", period]) }}
    end
{%- endmacro %}

{#- A single representative number for a stated value (canonical unit): the point for '=' / '~',
    the bound for one-sided comparators, the midpoint of a range. -#}
{% macro representative_value(comparator, low, high) -%}
    case
        when {{ comparator }} in ('=', '~') then coalesce({{ low }}, {{ high }})
        when {{ comparator }} in ('>=', '>') then {{ low }}
        when {{ comparator }} in ('<=', '<') then {{ high }}
        when {{ comparator }} = 'between' then ({{ low }} + {{ high }}) / 2.0
        else coalesce({{ low }}, {{ high }})
    end
{%- endmacro %}
