-- Vietnamese wordings of each indicator (owned by extraction; matching is accent-insensitive).
select
    cast(indicator_code as varchar) as indicator_code,
    cast(alias as varchar)          as alias,
    cast(priority as integer)       as priority,
    cast(note as varchar)           as note
from {{ ref('indicator_aliases') }}
