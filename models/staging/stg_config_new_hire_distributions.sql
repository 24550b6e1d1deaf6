-- New-hire level and age distributions as cumulative intervals [cum_lo, cum_hi) of [0, 1),
-- weights normalized so they need not sum to 1. dimension: 'level' or 'age'.
with weights as (
    select 'level' as dimension, cast(level_id as INTEGER) as value, cast(weight as DOUBLE) as weight
    from {{ ref('config_new_hire_level_distribution') }}
    union all
    select 'age', cast(age as INTEGER), cast(weight as DOUBLE)
    from {{ ref('config_new_hire_age_distribution') }}
),
cumulative as (
    select
        dimension,
        value,
        sum(weight) over (partition by dimension order by value rows between unbounded preceding and current row)
            / sum(weight) over (partition by dimension) as cum_hi,
        row_number() over (partition by dimension order by value desc) = 1 as is_last
    from weights
    where weight > 0
)
select
    dimension,
    value,
    coalesce(lag(cum_hi) over (partition by dimension order by value), 0.0) as cum_lo,
    -- The last interval extends past 1 so rounding never leaves a draw unmatched.
    case when is_last then 2.0 else cum_hi end as cum_hi
from cumulative
