{#- Schemas are literal: +schema: marts builds into schema `marts` (not `main_marts`), staging into
    `staging`, intermediate into `intermediate`, seeds into `reference`. Nodes without a custom
    schema go to the target schema. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
