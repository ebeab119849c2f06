{#- a mod b for non-negative a (portable: no % operator / mod() dialect differences). -#}
{% macro modulo(a, b) -%}
    (({{ a }}) - ({{ b }}) * cast(floor(({{ a }}) / ({{ b }} * 1.0)) as integer))
{%- endmacro %}
