{#-
  The growth solver for year N (one row). With start = starting headcount, g = target growth,
  t = experienced termination rate, n = new-hire termination rate:
    target_end       = round(start * (1 + g))
    exp_terms        = round(start * t)
    hires            = ceil((target_end - start + exp_terms) / (1 - n))
    new_hire_terms   = hires - (target_end - start + exp_terms)
  so start - exp_terms + hires - new_hire_terms = target_end exactly. When the target needs fewer
  people than natural attrition leaves (negative net hiring), there are no hires and the
  experienced terminations become start - target_end (layoffs). Rates are rendered as decimal
  literals, so the products are exact; the division is rounded to 9 places before ceil.
-#}
{% set year = var('year') %}
with starting as (
    select count(*) as starting_headcount from {{ ref('int_baseline_workforce') }}
),
targets as (
    select
        starting_headcount,
        cast(round(starting_headcount * (1 + {{ var('target_growth_rate') }})) as BIGINT) as target_ending_headcount,
        cast(round(starting_headcount * {{ var('total_termination_rate') }}) as BIGINT) as base_terminations
    from starting
),
solved as (
    select
        *,
        target_ending_headcount - starting_headcount + base_terminations as net_hires_needed
    from targets
),
counts as (
    select
        *,
        case when net_hires_needed > 0
             then cast(ceil(round(net_hires_needed / (1 - {{ var('new_hire_termination_rate') }}), 9)) as BIGINT)
             else 0 end as total_hires,
        case when net_hires_needed > 0 then base_terminations
             else starting_headcount - target_ending_headcount end as experienced_terminations
    from solved
)
select
    cast('{{ var("scenario_id") }}' as VARCHAR) as scenario_id,
    cast({{ year }} as INTEGER) as simulation_year,
    cast(starting_headcount as BIGINT) as starting_headcount,
    cast({{ var('target_growth_rate') }} as DOUBLE) as target_growth_rate,
    cast({{ var('total_termination_rate') }} as DOUBLE) as total_termination_rate,
    cast({{ var('new_hire_termination_rate') }} as DOUBLE) as new_hire_termination_rate,
    target_ending_headcount,
    experienced_terminations,
    total_hires,
    cast(total_hires - greatest(net_hires_needed, 0) as BIGINT) as new_hire_terminations,
    cast(target_ending_headcount - starting_headcount as BIGINT) as net_change
from counts
