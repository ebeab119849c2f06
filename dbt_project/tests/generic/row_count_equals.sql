{#- The model (optionally filtered) has exactly `expected` rows. -#}
{% test row_count_equals(model, expected, where_clause=none) %}
select n_rows
from (
    select count(*) as n_rows
    from {{ model }}
    {%- if where_clause %}
    where {{ where_clause }}
    {%- endif %}
) counted
where n_rows <> {{ expected }}
{% endtest %}
